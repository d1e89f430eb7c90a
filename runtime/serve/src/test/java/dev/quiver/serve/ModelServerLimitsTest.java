package dev.quiver.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.testing.LeakCheckExtension;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's time and queue limits against a model that sleeps ({@link SlowDouble}): a prediction past the
 * request timeout is a 504, a request whose deadline passed before its prediction could start a 503, a full queue a 503 with {@code Retry-After};
 * every error is JSON, and the abandoned predictions still free their memory before {@code close} returns.
 */
@ExtendWith(LeakCheckExtension.class)
class ModelServerLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ONE_ROW = "{\"rows\": [{\"x\": 1.5}]}";

    private final HttpClient client = HttpClient.newHttpClient();
    private ModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> predict() throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/models/slow/predict"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ONE_ROW))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<HttpResponse<String>> concurrently(int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(clients.submit(this::predict));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            clients.shutdown();
        }
    }

    private static String message(HttpResponse<String> response) throws Exception {
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals(response.statusCode(), error.get("status").asInt());
        return error.get("message").asText();
    }

    @Test
    void aPredictionPastTheRequestTimeoutIs504AndTheServerStillAnswers(BufferAllocator allocator) throws Exception {
        server = ModelServer.builder()
                .model("slow", SlowDouble.pipeline(1500))
                .port(0)
                .threads(2)
                .requestTimeoutMillis(200)
                .allocator(allocator)
                .start();
        long start = System.nanoTime();
        HttpResponse<String> response = predict();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(504, response.statusCode(), response.body());
        assertTrue(message(response).contains("request timeout of 200 ms"), response.body());
        assertTrue(millis < 1400, "answered at the deadline, not when the model ended: " + millis + " ms");
        assertEquals(
                200,
                client.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }

    @Test
    void aRequestWhoseDeadlinePassesBeforeItsPredictionStartsIs503(BufferAllocator allocator) throws Exception {
        server = ModelServer.builder()
                .model("slow", SlowDouble.pipeline(0))
                .port(0)
                .requestTimeoutMillis(300)
                .allocator(allocator)
                .start();
        assertEquals(200, predict().statusCode());
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /v1/models/slow/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                    + "Content-Length: " + ONE_ROW.length() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(600); // the body comes after the deadline
            out.write(ONE_ROW.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(2048), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("retry-after: 1"), answer);
            assertTrue(answer.contains("passed before the prediction could start"), answer);
        }
    }

    @Test
    void aFullQueueIs503WithRetryAfter(BufferAllocator allocator) throws Exception {
        server = ModelServer.builder()
                .model("slow", SlowDouble.pipeline(300))
                .port(0)
                .threads(1)
                .queue(1)
                .allocator(allocator)
                .start();
        int ok = 0;
        int busy = 0;
        for (HttpResponse<String> r : concurrently(8)) {
            if (r.statusCode() == 200) {
                ok++;
                assertEquals(
                        3.0,
                        JSON.readTree(r.body())
                                .get("predictions")
                                .get(0)
                                .get("prediction")
                                .doubleValue());
            } else {
                assertEquals(503, r.statusCode(), r.body());
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                assertTrue(message(r).contains("queue is full"), r.body());
                busy++;
            }
        }
        assertTrue(ok >= 1 && ok <= 3, "one thread and one queue slot: " + ok + " answered");
        assertTrue(busy >= 5, busy + " refused");
    }
}
