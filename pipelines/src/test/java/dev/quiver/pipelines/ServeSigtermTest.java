package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.quiver.cli.Main;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver serve} in a process of its own, SIGTERMed while 8 clients send predictions: every request the
 * server accepted gets its 200 answer, requests arriving during the drain are refused (503 "shutting down", then
 * connection refused once the port is closed), none is cut off mid-answer, and the process exits 0 after saying
 * so. Each client opens a connection per request, so a refused connection is told apart from a lost answer.
 * Also in a process of its own, since the JDK server reads it once per JVM: {@code --read-timeout-seconds}; and
 * since the CLI configures OpenTelemetry from its environment: with {@code OTEL_*} set, each request's span reaches
 * an OTLP receiver on this test's loopback port.
 */
class ServeSigtermTest {

    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final String BODY =
            "{\"rows\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4,"
                    + " \"petal_width\": 0.2}]}";

    private static final List<String> LOST_DETAILS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    /** What one request came to. */
    private enum Outcome {
        OK,
        DRAINING,
        REFUSED,
        LOST
    }

    private static Outcome send(int port) {
        Socket socket;
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
        } catch (ConnectException e) {
            return Outcome.REFUSED;
        } catch (IOException e) {
            LOST_DETAILS.add("connect: " + e);
            return Outcome.LOST;
        }
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/models/iris/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Connection: close\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (answer.startsWith("HTTP/1.1 200") && answer.contains("\"prediction\":\"setosa\"")) {
                return Outcome.OK;
            }
            if (answer.startsWith("HTTP/1.1 503") && answer.contains("shutting down")) {
                return Outcome.DRAINING;
            }
            LOST_DETAILS.add(answer.isEmpty() ? "an empty answer" : answer);
            return Outcome.LOST;
        } catch (IOException e) {
            LOST_DETAILS.add(e.toString());
            return Outcome.LOST;
        }
    }

    @Test
    void sigtermDuringLoadAnswersEveryAcceptedRequestAndExitsZero() throws Exception {
        Path out = temp.resolve("serve.out");
        Path err = temp.resolve("serve.err");
        Process server = start(out, err, "--threads", "4");
        try {
            int port = awaitPort(server, out, err);
            AtomicInteger ok = new AtomicInteger();
            AtomicLong okAfterSigterm = new AtomicLong();
            AtomicLong sigtermAt = new AtomicLong(Long.MAX_VALUE);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<List<Outcome>>> results = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                results.add(clients.submit(() -> {
                    List<Outcome> outcomes = new ArrayList<>();
                    while (true) { // until the server refuses this client: as a client behind a balancer would
                        long started = System.nanoTime();
                        Outcome o = send(port);
                        outcomes.add(o);
                        if (o == Outcome.OK) {
                            ok.incrementAndGet();
                            if (started >= sigtermAt.get()) {
                                okAfterSigterm.incrementAndGet();
                            }
                        } else {
                            return outcomes;
                        }
                    }
                }));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ok.get() < 300 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertTrue(ok.get() >= 300, "the server answered " + ok.get() + " requests in 60 s");
            sigtermAt.set(System.nanoTime());
            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server drained and stopped");
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                counts.put(o, 0);
            }
            for (Future<List<Outcome>> f : results) {
                f.get(30, TimeUnit.SECONDS).forEach(o -> counts.merge(o, 1, Integer::sum));
            }
            clients.shutdown();
            String log = Files.readString(err);
            assertEquals(
                    0,
                    counts.get(Outcome.LOST),
                    "requests cut off or malformed: " + LOST_DETAILS + "; server log:\n" + log);
            assertEquals(0, server.exitValue(), log);
            assertTrue(log.contains("Stopped: every accepted request was answered."), log);
            assertEquals(8, counts.get(Outcome.DRAINING) + counts.get(Outcome.REFUSED));
            assertEquals(Outcome.REFUSED, send(port), "the port is closed after the drain");
            System.out.printf(
                    "serve SIGTERM: %d answered (%d sent after the SIGTERM), %d refused with 503, %d connections"
                            + " refused%n",
                    counts.get(Outcome.OK),
                    okAfterSigterm.get(),
                    counts.get(Outcome.DRAINING),
                    counts.get(Outcome.REFUSED));
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void withOtelVariablesEachRequestIsAServerSpanExportedOverOtlpUnderTheCallersTrace() throws Exception {
        List<ExportTraceServiceRequest> traces = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                traces.add(ExportTraceServiceRequest.parseFrom(body));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path out = temp.resolve("otlp.out");
        Path err = temp.resolve("otlp.err");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Process server = start(
                Map.of(
                        "OTEL_TRACES_EXPORTER", "otlp",
                        "OTEL_METRICS_EXPORTER", "none",
                        "OTEL_LOGS_EXPORTER", "none",
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                                "http://127.0.0.1:" + receiver.getAddress().getPort()),
                out,
                err);
        try {
            int port = awaitPort(server, out, err);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream()
                        .write(("POST /v1/models/iris/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Content-Type: application/json\r\nConnection: close\r\n"
                                        + "traceparent: 00-" + traceId + "-00f067aa0ba902b7-01\r\n"
                                        + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY)
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            }
            server.destroy(); // SIGTERM: the drain closes the SDK, which exports the spans still batched
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server drained and stopped");
            assertEquals(0, server.exitValue(), read(err));
        } finally {
            server.destroyForcibly();
            receiver.stop(0);
        }
        List<Span> spans = traces.stream()
                .flatMap(t -> t.getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream())
                .toList();
        Span predict = spans.stream()
                .filter(s -> s.getName().equals("POST predict"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no predict span among " + spans + "\n" + read(err)));
        assertEquals(Span.SpanKind.SPAN_KIND_SERVER, predict.getKind());
        assertEquals(
                traceId, java.util.HexFormat.of().formatHex(predict.getTraceId().toByteArray()));
        assertEquals(
                "00f067aa0ba902b7",
                java.util.HexFormat.of().formatHex(predict.getParentSpanId().toByteArray()));
        Map<String, String> attributes = new java.util.HashMap<>();
        predict.getAttributesList()
                .forEach(a -> attributes.put(
                        a.getKey(),
                        a.getValue().hasIntValue()
                                ? Long.toString(a.getValue().getIntValue())
                                : a.getValue().getStringValue()));
        assertEquals("iris", attributes.get("quiver.model"), attributes.toString());
        assertEquals("200", attributes.get("http.response.status_code"), attributes.toString());
        assertEquals("1", attributes.get("quiver.rows"), attributes.toString());
    }

    /** Starts {@code quiver serve} on the golden softmax run, on a free port, with {@code flags}. */
    private Process start(Path out, Path err, String... flags) throws Exception {
        return start(Map.of(), out, err, flags);
    }

    /** The same, with {@code env} added to this process's environment. */
    private Process start(Map<String, String> env, Path out, Path err, String... flags) throws Exception {
        Path run = Path.of(Objects.requireNonNull(getClass().getResource("/golden/1/softmax/run"))
                .toURI());
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--model",
                "iris=" + run,
                "--port",
                "0"));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    @Test
    void aClientThatDoesNotFinishItsRequestWithinTheReadTimeoutIsDisconnected() throws Exception {
        Path out = temp.resolve("slow.out");
        Path err = temp.resolve("slow.err");
        Process server = start(out, err, "--read-timeout-seconds", "1");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), awaitPort(server, out, err))) {
            socket.setSoTimeout(20_000);
            OutputStream request = socket.getOutputStream();
            request.write(("POST /v1/models/iris/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                            + BODY.length() + "\r\n\r\n" + BODY.substring(0, 10))
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush(); // and never the rest of the body
            long start = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (java.net.SocketException e) {
                read = -1; // reset: closed as well
            }
            long millis = (System.nanoTime() - start) / 1_000_000L;
            assertEquals(-1, read, "the server closed the connection without an answer");
            assertTrue(millis >= 900 && millis < 10_000, "closed after " + millis + " ms, for a 1 s read timeout");
            assertEquals(Outcome.OK, send(socket.getPort()), "and still serves other clients");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private static int awaitPort(Process server, Path out, Path err) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertFalse(!server.isAlive(), () -> "serve ended: " + read(err));
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start in 60 s: " + read(err));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
