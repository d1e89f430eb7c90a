package dev.quiver.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.testing.LeakCheckExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The drain guarantee of {@link ModelServer#drainAndStop}, without timing: requests held inside the model at a
 * {@link SlowDouble.Gate} are accepted for certain, so every one of them must get its own 200 answer however long
 * the drain waits, while a request arriving during the drain gets 503 and, once drained, the port is closed.
 *
 * <p>The server has one request thread more than the gate holds: {@code /ready} runs on a request thread like any
 * request, so with every thread held a probe that arrives a moment before the closing thread raises the drain flag
 * is accepted into the queue, where it waits for the gate that this test opens only after the probe answered: both
 * wait until {@code drainMillis} passes (seen at load average 10-15, when the closing thread starts late). The
 * spare thread answers such a probe 200, and the loop asks again.
 */
@ExtendWith(LeakCheckExtension.class)
class ModelServerDrainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_FLIGHT = 6;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(int port, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> predict(int port, double x) throws IOException, InterruptedException {
        return send(port, "/v1/models/slow/predict", "{\"rows\": [{\"x\": " + x + "}]}");
    }

    @Test
    void everyAcceptedRequestIsAnsweredWhileNewOnesAreRefusedThenThePortCloses(BufferAllocator allocator)
            throws Exception {
        SlowDouble.Gate gate = new SlowDouble.Gate(IN_FLIGHT);
        ModelServer server = ModelServer.builder()
                .model("slow", SlowDouble.gated(gate))
                .port(0)
                .threads(IN_FLIGHT + 1) // the spare one answers a /ready that came before the drain
                .queue(4)
                .allocator(allocator)
                .start();
        int port = server.port();
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT + 1);
        try {
            List<Future<HttpResponse<String>>> accepted = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                double x = i;
                accepted.add(clients.submit(() -> predict(port, x)));
            }
            gate.awaitEntered(); // each of them is inside the model now: accepted, not yet answered
            Future<Boolean> drained = clients.submit(server::drainAndStop);
            HttpResponse<String> ready = send(port, "/ready", null);
            for (int tries = 0; ready.statusCode() == 200 && tries < 3000; tries++) {
                Thread.sleep(10); // until the closing thread has started the drain
                ready = send(port, "/ready", null);
            }
            assertEquals(503, ready.statusCode(), ready.body());

            HttpResponse<String> late = predict(port, 100);
            assertEquals(503, late.statusCode(), late.body());
            assertEquals("1", late.headers().firstValue("Retry-After").orElse(""));
            assertTrue(
                    JSON.readTree(late.body())
                            .get("error")
                            .get("message")
                            .asText()
                            .contains("shutting down"),
                    late.body());
            assertFalse(drained.isDone(), "the drain waits for the accepted requests, which the gate still holds");

            gate.open();
            assertTrue(drained.get(60, TimeUnit.SECONDS), "every accepted request answered within drainMillis");
            for (int i = 0; i < IN_FLIGHT; i++) {
                HttpResponse<String> r = accepted.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
                JsonNode prediction = JSON.readTree(r.body()).get("predictions").get(0);
                assertEquals(2.0 * i, prediction.get("prediction").doubleValue(), r.body());
            }
            assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        } finally {
            gate.open();
            server.close();
            clients.shutdownNow();
        }
    }

    /**
     * A newcomer that sends its headers and then stalls (its body never comes) is answered 503, and the ones after
     * it are too: refusing it must not hold the thread that accepts connections while it reads the rest of the
     * body, as it did when refusals ran on the JDK server's dispatcher.
     */
    @Test
    void aStalledNewcomerDoesNotKeepTheNextOnesFromTheir503(BufferAllocator allocator) throws Exception {
        SlowDouble.Gate gate = new SlowDouble.Gate(1);
        ModelServer server = ModelServer.builder()
                .model("slow", SlowDouble.gated(gate))
                .port(0)
                .threads(2)
                .queue(1)
                .allocator(allocator)
                .start();
        int port = server.port();
        ExecutorService closing = Executors.newFixedThreadPool(2);
        try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), port)) {
            Future<HttpResponse<String>> accepted = closing.submit(() -> predict(port, 1));
            gate.awaitEntered(); // the drain below waits for it, so the server keeps answering 503
            Future<Boolean> drained = closing.submit(server::drainAndStop);
            HttpResponse<String> ready = send(port, "/ready", null);
            for (int tries = 0; ready.statusCode() == 200 && tries < 3000; tries++) {
                Thread.sleep(10);
                ready = send(port, "/ready", null);
            }
            assertEquals(503, ready.statusCode(), ready.body());

            stalled.getOutputStream()
                    .write(("POST /v1/models/slow/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            // its 503 is written before the server reads on for the body, so from here on a refusal is reading
            String status = new BufferedReader(
                            new InputStreamReader(stalled.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 503"), status);

            HttpResponse<String> next = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, next.statusCode(), next.body());
            assertFalse(drained.isDone(), "the gate still holds the accepted request");

            gate.open();
            assertEquals(200, accepted.get(60, TimeUnit.SECONDS).statusCode());
            assertTrue(drained.get(60, TimeUnit.SECONDS), "the accepted request was answered within drainMillis");
        } finally {
            gate.open();
            server.close();
            closing.shutdownNow();
        }
    }
}
