package dev.quiver.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.testing.LeakCheckExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server on 127.0.0.1 with a free port, serving the golden softmax run (iris, min-max, softmax regression):
 * its answers against the {@code expected.csv} that {@code quiver predict} wrote for the same rows, bit for bit,
 * and every bad request's status and message.
 */
@ExtendWith(LeakCheckExtension.class)
class ModelServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    private final HttpClient client = HttpClient.newHttpClient();
    private ModelServer server;
    private List<double[]> rows;
    private List<String[]> expected;

    static Path resource(String name) throws Exception {
        return Path.of(Objects.requireNonNull(ModelServerTest.class.getResource("/softmax/" + name))
                .toURI());
    }

    @BeforeEach
    void start(BufferAllocator allocator) throws Exception {
        FittedPipeline iris = Quiver.create().loadModel(resource("run"));
        server = ModelServer.builder()
                .model("iris", iris)
                .port(0)
                .threads(4)
                .queue(64)
                .maxBodyBytes(4096)
                .allocator(allocator)
                .start();
        rows = new ArrayList<>();
        for (String line : Files.readAllLines(resource("input.csv")).subList(1, 6)) {
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            rows.add(row);
        }
        expected = new ArrayList<>();
        for (String line : Files.readAllLines(resource("expected.csv")).subList(1, 6)) {
            expected.add(line.split(","));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private String rowsBody() {
        StringBuilder b = new StringBuilder("{\"rows\": [");
        for (int r = 0; r < rows.size(); r++) {
            b.append(r == 0 ? "{" : ", {");
            for (int c = 0; c < FEATURES.size(); c++) {
                b.append(c == 0 ? "" : ", ")
                        .append('"')
                        .append(FEATURES.get(c))
                        .append("\": ")
                        .append(rows.get(r)[c]);
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private void assertGolden(JsonNode predictions) {
        assertEquals(expected.size(), predictions.size());
        String[] classes = {"setosa", "versicolor", "virginica"};
        for (int r = 0; r < expected.size(); r++) {
            JsonNode p = predictions.get(r);
            assertEquals(expected.get(r)[0], p.get("prediction").asText(), "row " + r);
            for (int k = 0; k < classes.length; k++) {
                double want = Double.parseDouble(expected.get(r)[k + 1]);
                double got = p.get("probabilities").get(classes[k]).doubleValue();
                assertEquals(
                        Double.doubleToRawLongBits(want),
                        Double.doubleToRawLongBits(got),
                        "row " + r + " " + classes[k]);
            }
        }
    }

    @Test
    void jsonRowsPredictExactlyWhatQuiverPredictWrote() throws Exception {
        HttpResponse<String> response = post("/v1/models/iris/predict", "application/json", rowsBody());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("iris", body.get("model").asText());
        assertGolden(body.get("predictions"));
    }

    @Test
    void jsonColumnsPredictTheSame() throws Exception {
        StringBuilder b = new StringBuilder("{\"columns\": {");
        for (int c = 0; c < FEATURES.size(); c++) {
            b.append(c == 0 ? "" : ", ").append('"').append(FEATURES.get(c)).append("\": [");
            for (int r = 0; r < rows.size(); r++) {
                b.append(r == 0 ? "" : ", ").append(rows.get(r)[c]);
            }
            b.append(']');
        }
        HttpResponse<String> response = post(
                "/v1/models/iris/predict", "application/json", b.append("}}").toString());
        assertEquals(200, response.statusCode(), response.body());
        assertGolden(JSON.readTree(response.body()).get("predictions"));
    }

    @Test
    void arrowStreamInArrowStreamOut(BufferAllocator allocator) throws Exception {
        List<Field> fields = new ArrayList<>();
        for (String f : FEATURES) {
            fields.add(Field.notNullable(f, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            for (int batch = 0; batch < 2; batch++) { // rows 0-1, then 2-4: two batches in, two out
                int from = batch == 0 ? 0 : 2;
                int to = batch == 0 ? 2 : rows.size();
                root.allocateNew();
                for (int c = 0; c < FEATURES.size(); c++) {
                    Float8Vector v = (Float8Vector) root.getVector(c);
                    for (int r = from; r < to; r++) {
                        v.setSafe(r - from, rows.get(r)[c]);
                    }
                }
                root.setRowCount(to - from);
                writer.writeBatch();
            }
            writer.end();
        }
        HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(uri("/v1/models/iris/predict"))
                        .header("Content-Type", "application/vnd.apache.arrow.stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/vnd.apache.arrow.stream",
                response.headers().firstValue("Content-Type").orElse(""));
        int row = 0;
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(response.body()), allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                VarCharVector label = (VarCharVector) root.getVector("prediction");
                Float8Vector versicolor = (Float8Vector) root.getVector("probability_versicolor");
                for (int r = 0; r < root.getRowCount(); r++, row++) {
                    assertEquals(
                            expected.get(row)[0], new String(label.get(r), java.nio.charset.StandardCharsets.UTF_8));
                    assertEquals(
                            Double.doubleToRawLongBits(Double.parseDouble(expected.get(row)[2])),
                            Double.doubleToRawLongBits(versicolor.get(r)));
                }
            }
        }
        assertEquals(rows.size(), row);
    }

    @Test
    void healthReadyAndModels() throws Exception {
        assertEquals(200, get("/health").statusCode());
        HttpResponse<String> ready = get("/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("ready", JSON.readTree(ready.body()).get("status").asText());
        JsonNode models = JSON.readTree(get("/v1/models").body()).get("models");
        assertEquals(1, models.size());
        JsonNode iris = models.get(0);
        assertEquals("iris", iris.get("name").asText());
        assertEquals("sepal_length", iris.get("inputs").get(0).get("name").asText());
        assertEquals(List.of("setosa", "versicolor", "virginica"), JSON.convertValue(iris.get("classes"), List.class));
        assertEquals(200, get("/v1/models/iris").statusCode());
    }

    private JsonNode assertError(HttpResponse<String> response, int status, String... fragments) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = JSON.readTree(response.body()).get("error");
        String message = error.get("message").asText();
        for (String f : fragments) {
            assertTrue(message.contains(f), message + " should contain " + f);
        }
        assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "), response.body());
        return error;
    }

    @Test
    void everyBadRequestGetsItsStatusAndAMessageNamingColumnAndRow() throws Exception {
        String path = "/v1/models/iris/predict";
        assertError(
                post(path, "application/json", "{\"rows\": [{\"sepal_length\": 5.1,"), 400, "not valid JSON", "line 1");
        assertError(post(path, "application/json", "[1, 2]"), 400, "\"rows\"", "\"columns\"");
        String full = "\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4";
        JsonNode missing = assertError(
                post(path, "application/json", "{\"rows\": [{" + full + ", \"petal_width\": 0.2}, {" + full + "}]}"),
                400,
                "row 1",
                "'petal_width'");
        assertEquals("petal_width", missing.get("column").asText());
        assertEquals(1, missing.get("row").asInt());
        JsonNode mistyped = assertError(
                post(path, "application/json", "{\"rows\": [{" + full + ", \"petal_width\": \"wide\"}]}"),
                400,
                "row 0",
                "'petal_width'",
                "\"wide\" is not a number");
        assertEquals(0, mistyped.get("row").asInt());
        assertError(
                post(path, "application/json", "{\"rows\": [{" + full + ", \"petal_width\": null}]}"),
                400,
                "row 0",
                "'petal_width'",
                "null");
        assertError(
                post(path, "application/json", "{\"columns\": {\"sepal_length\": [1.0]}}"),
                400,
                "'sepal_width'",
                "missing");
        assertError(
                post(
                        path,
                        "application/json",
                        "{\"rows\": [" + ("{" + full + ", \"petal_width\": 0.2},").repeat(60) + "{}]}"),
                413,
                "4096 bytes");
        assertError(post("/v1/models/roses/predict", "application/json", rowsBody()), 404, "'roses'", "[iris]");
        assertError(get("/nowhere"), 404, "/nowhere");
        assertError(get(path), 405, "POST");
        assertError(post(path, "application/vnd.apache.arrow.stream", "not arrow"), 400, "Arrow IPC stream");
        // the server survives all of it
        assertEquals(200, post(path, "application/json", rowsBody()).statusCode());
    }

    /** The value of the sample whose line starts with {@code series} (name and labels exactly as written). */
    private static double sample(String metrics, String series) {
        return metrics.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(
                        l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + metrics));
    }

    @Test
    void metricsCountRequestsByStatusRowsLatencyAndInFlightInPrometheusText() throws Exception {
        String path = "/v1/models/iris/predict";
        for (int i = 0; i < 3; i++) {
            assertEquals(200, post(path, "application/json", rowsBody()).statusCode());
        }
        assertEquals(400, post(path, "application/json", "{\"rows\": 1}").statusCode());
        assertEquals(404, get("/nowhere").statusCode());
        HttpResponse<String> scrape = get("/metrics");
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String m = scrape.body();
        assertEquals(3.0, sample(m, "quiver_serve_requests_total{model=\"iris\",route=\"predict\",status=\"200\"}"), m);
        assertEquals(
                1.0,
                sample(
                        m,
                        "quiver_serve_requests_total{error_type=\"bad_request\",model=\"iris\",route=\"predict\","
                                + "status=\"400\"}"),
                m);
        assertEquals(
                1.0,
                sample(m, "quiver_serve_requests_total{error_type=\"not_found\",route=\"other\",status=\"404\"}"),
                m);
        assertEquals(15.0, sample(m, "quiver_serve_rows_predicted_total{model=\"iris\"}"), m);
        String latency = "quiver_serve_request_duration_seconds";
        assertEquals(3.0, sample(m, latency + "_count{model=\"iris\",route=\"predict\",status=\"200\"}"), m);
        assertEquals(
                3.0, sample(m, latency + "_bucket{model=\"iris\",route=\"predict\",status=\"200\",le=\"+Inf\"}"), m);
        assertTrue(sample(m, latency + "_sum{model=\"iris\",route=\"predict\",status=\"200\"}") > 0, m);
        // the scrape itself is the one request in flight while the metrics are collected
        assertEquals(1.0, sample(m, "quiver_serve_in_flight_requests"), m);
    }
}
