package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            socket = new Socket("127.0.0.1", port);
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
        Path run = Path.of(Objects.requireNonNull(getClass().getResource("/golden/1/softmax/run"))
                .toURI());
        Path out = temp.resolve("serve.out");
        Path err = temp.resolve("serve.err");
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
                "0",
                "--threads",
                "4"));
        Process server = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
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
            int[] counts = new int[Outcome.values().length];
            for (Future<List<Outcome>> f : results) {
                f.get(30, TimeUnit.SECONDS).forEach(o -> counts[o.ordinal()]++);
            }
            clients.shutdown();
            String log = Files.readString(err);
            assertEquals(
                    0,
                    counts[Outcome.LOST.ordinal()],
                    "requests cut off or malformed: " + LOST_DETAILS + "; server log:\n" + log);
            assertEquals(0, server.exitValue(), log);
            assertTrue(log.contains("Stopped: every accepted request was answered."), log);
            assertEquals(8, counts[Outcome.DRAINING.ordinal()] + counts[Outcome.REFUSED.ordinal()]);
            assertEquals(Outcome.REFUSED, send(port), "the port is closed after the drain");
            System.out.printf(
                    "serve SIGTERM: %d answered (%d sent after the SIGTERM), %d refused with 503, %d connections"
                            + " refused%n",
                    counts[Outcome.OK.ordinal()],
                    okAfterSigterm.get(),
                    counts[Outcome.DRAINING.ordinal()],
                    counts[Outcome.REFUSED.ordinal()]);
        } finally {
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
