package dev.quiver.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.Prediction;
import dev.quiver.runtime.bundle.Predictions;
import dev.quiver.testing.LeakCheckExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Micro-batching under concurrency: 24 clients send 1 to 4 random iris rows each, many times, to a server that
 * joins concurrent requests; every caller must get exactly its own rows' predictions, bit for bit what the library
 * gives for those rows predicted alone (which {@link ModelServerTest} holds to {@code quiver predict}), and a
 * request with a bad row among them gets its own 400 naming its own row.
 */
@ExtendWith(LeakCheckExtension.class)
class MicroBatchingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    private static final String[] CLASSES = {"setosa", "versicolor", "virginica"};

    private final HttpClient client = HttpClient.newHttpClient();

    private static List<Map<String, Double>> randomRows(Random random) {
        return randomRows(random, 1 + random.nextInt(4));
    }

    private static List<Map<String, Double>> randomRows(Random random, int count) {
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int r = count; r > 0; r--) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (String f : FEATURES) {
                row.put(f, Math.round((1 + 6 * random.nextDouble()) * 10) / 10.0);
            }
            rows.add(row);
        }
        return rows;
    }

    private HttpResponse<String> post(int port, Object body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models/iris/predict"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void concurrentRequestsJoinedIntoBatchesEachGetExactlyTheirOwnRows(BufferAllocator allocator) throws Exception {
        FittedPipeline iris = Quiver.create().loadModel(ModelServerTest.resource("run"));
        try (ModelServer server = ModelServer.builder()
                .model("iris", iris)
                .port(0)
                .threads(24)
                .batchWindowMillis(20)
                .maxBatchRows(32)
                .allocator(allocator)
                .start()) {
            int port = server.port();
            ExecutorService clients = Executors.newFixedThreadPool(24);
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < 24; c++) {
                long seed = c;
                done.add(clients.submit(() -> {
                    Random random = new Random(seed);
                    int checked = 0;
                    for (int i = 0; i < 15; i++) {
                        List<Map<String, Double>> rows = randomRows(random);
                        if (seed == 5 && i == 7) { // one bad request among the others: its own error, its own row
                            Map<String, Object> bad = new LinkedHashMap<>(rows.get(0));
                            bad.put("petal_width", "wide");
                            HttpResponse<String> r = post(port, Map.of("rows", List.of(rows.get(0), bad)));
                            assertEquals(400, r.statusCode(), r.body());
                            JsonNode error = JSON.readTree(r.body()).get("error");
                            assertEquals(1, error.get("row").asInt(), r.body());
                            assertEquals("petal_width", error.get("column").asText(), r.body());
                            continue;
                        }
                        HttpResponse<String> r = post(port, Map.of("rows", rows));
                        assertEquals(200, r.statusCode(), r.body());
                        JsonNode got = JSON.readTree(r.body()).get("predictions");
                        Predictions want = iris.predict(rows);
                        assertEquals(want.size(), got.size(), r.body());
                        for (int k = 0; k < want.size(); k++) {
                            Prediction p = want.get(k);
                            assertEquals(p.label(), got.get(k).get("prediction").asText());
                            for (String label : CLASSES) {
                                assertEquals(
                                        Double.doubleToRawLongBits(p.probability(label)),
                                        Double.doubleToRawLongBits(got.get(k)
                                                .get("probabilities")
                                                .get(label)
                                                .doubleValue()),
                                        "client " + seed + " request " + i + " row " + k + " " + label);
                            }
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            int rows = 0;
            for (Future<Integer> f : done) {
                rows += f.get();
            }
            clients.shutdown();
            assertTrue(rows > 24 * 14, rows + " rows checked");
            String metrics = client.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double batches = value(metrics, "quiver_serve_batches_total{model=\"iris\"}");
            double requests = value(metrics, "quiver_serve_batched_requests_total{model=\"iris\"}");
            assertEquals(24 * 15 - 1, requests, metrics); // the bad one is refused while decoding, before batching
            assertTrue(batches < requests / 2, batches + " batches for " + requests + " requests: little joining");
        }
    }

    /**
     * A row that decodes (1e400 is a JSON number) but that the pipeline cannot score (it reads as infinity) fails
     * the joined batch; each request is then predicted alone. The batch is closed by row count, not by time: the
     * window is long and {@code maxBatchRows} is exactly the three requests' rows, so the three are joined in one
     * batch whatever their arrival order and however loaded the machine.
     */
    @Test
    void aRowThatFailsTheJoinedBatchGetsItsOwnErrorAndTheOthersTheirExactAnswers(BufferAllocator allocator)
            throws Exception {
        FittedPipeline iris = Quiver.create().loadModel(ModelServerTest.resource("run"));
        Random random = new Random(7);
        List<Map<String, Double>> first = randomRows(random, 2);
        List<Map<String, Double>> second = randomRows(random, 1);
        List<Map<String, Object>> bad = new ArrayList<>();
        randomRows(random, 3).forEach(row -> bad.add(new LinkedHashMap<>(row)));
        Map<String, Object> infinite = new LinkedHashMap<>(bad.get(1));
        infinite.put("petal_length", new java.math.BigDecimal("1e400"));
        bad.set(1, infinite);
        try (ModelServer server = ModelServer.builder()
                .model("iris", iris)
                .port(0)
                .threads(3)
                .batchWindowMillis(60_000)
                .maxBatchRows(6)
                .allocator(allocator)
                .start()) {
            int port = server.port();
            ExecutorService clients = Executors.newFixedThreadPool(3);
            try {
                Future<HttpResponse<String>> a = clients.submit(() -> post(port, Map.of("rows", first)));
                Future<HttpResponse<String>> b = clients.submit(() -> post(port, Map.of("rows", bad)));
                Future<HttpResponse<String>> c = clients.submit(() -> post(port, Map.of("rows", second)));
                assertExactly(iris.predict(first), a.get(60, TimeUnit.SECONDS));
                assertExactly(iris.predict(second), c.get(60, TimeUnit.SECONDS));
                HttpResponse<String> failed = b.get(60, TimeUnit.SECONDS);
                assertEquals(400, failed.statusCode(), failed.body());
                JsonNode error = JSON.readTree(failed.body()).get("error");
                assertEquals(1, error.get("row").asInt(), "its own row, not the joined batch's: " + failed.body());
                assertEquals("petal_length", error.get("column").asText(), failed.body());
                assertTrue(error.get("message").asText().contains("infinite"), failed.body());
            } finally {
                clients.shutdownNow();
            }
            String metrics = client.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertEquals(1.0, value(metrics, "quiver_serve_batches_total{model=\"iris\"}"), metrics);
            assertEquals(3.0, value(metrics, "quiver_serve_batched_requests_total{model=\"iris\"}"), metrics);
        }
    }

    private static void assertExactly(Predictions want, HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        JsonNode got = JSON.readTree(response.body()).get("predictions");
        assertEquals(want.size(), got.size(), response.body());
        for (int k = 0; k < want.size(); k++) {
            assertEquals(want.get(k).label(), got.get(k).get("prediction").asText());
            for (String label : CLASSES) {
                assertEquals(
                        Double.doubleToRawLongBits(want.get(k).probability(label)),
                        Double.doubleToRawLongBits(
                                got.get(k).get("probabilities").get(label).doubleValue()),
                        "row " + k + " " + label);
            }
        }
    }

    private static double value(String metrics, String series) {
        return metrics.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(
                        l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + series + " in\n" + metrics));
    }
}
