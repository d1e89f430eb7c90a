package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.exec.internal.MemoryLimits;
import dev.quiver.serve.ModelServer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver serve --model [NAME=]RUN_DIR ...}: serves saved runs over HTTP until SIGTERM or Ctrl-C, which
 * drains every accepted request before the process ends: exit 0 when all were answered, 1 when
 * {@code --drain-seconds} passed first. Spans go to the CLI's OpenTelemetry SDK when {@code OTEL_*} asks.
 */
@Command(name = "serve", description = "Serve saved runs over HTTP (JSON and Arrow predictions, health, models).")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "[NAME=]RUN_DIR",
            description = "A run folder to serve as /v1/models/NAME (default NAME: the folder's name); repeatable.")
    List<String> models;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 chooses one).")
    int port;

    @Option(names = "--threads", description = "Request threads (default: the core count).")
    Integer threads;

    @Option(names = "--queue", defaultValue = "256", description = "Requests waiting for a thread before 503.")
    int queue;

    @Option(names = "--max-body", defaultValue = "16777216", description = "Largest request body in bytes (413).")
    long maxBody;

    @Option(names = "--drain-seconds", defaultValue = "30", description = "How long SIGTERM waits for requests.")
    long drainSeconds;

    @Option(
            names = "--request-timeout-ms",
            defaultValue = "30000",
            description = "Deadline of a request from the moment it is queued: 504 when the prediction passes it, 503"
                    + " when it passes before the prediction starts (default ${DEFAULT-VALUE}).")
    long requestTimeoutMs;

    @Option(
            names = "--read-timeout-seconds",
            defaultValue = "60",
            description = "A connection that has not sent its whole request and started getting its answer within"
                    + " this time, or does not read its answer within it, is closed (slow clients; default"
                    + " ${DEFAULT-VALUE}).")
    long readTimeoutSeconds;

    @Option(
            names = "--batch-window-ms",
            defaultValue = "0",
            description = "Micro-batching: JSON requests for a model arriving within this window are predicted as one"
                    + " batch (0, the default, turns it off).")
    long batchWindowMs;

    @Option(
            names = "--max-batch-rows",
            defaultValue = "1024",
            description = "The most rows one micro-batch joins (default ${DEFAULT-VALUE}).")
    int maxBatchRows;

    @Override
    public Integer call() throws InterruptedException {
        if (readTimeoutSeconds <= 0 || requestTimeoutMs <= 0 || maxBatchRows <= 0 || batchWindowMs < 0) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "--read-timeout-seconds, --request-timeout-ms and --max-batch-rows must be positive, and"
                            + " --batch-window-ms 0 or positive.");
        }
        // The JDK server reads these once, when its first instance is made, so they are set before it: the time a
        // connection may take to send its request (until the answer starts) and to read the answer.
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(readTimeoutSeconds));
        System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(readTimeoutSeconds));
        Quiver quiver = main.quiver();
        BufferAllocator allocator = MemoryLimits.rootAllocator();
        ModelServer.Builder builder = ModelServer.builder()
                .host(host)
                .port(port)
                .queue(queue)
                .maxBodyBytes(maxBody)
                .drainMillis(drainSeconds * 1000)
                .requestTimeoutMillis(requestTimeoutMs)
                .batchWindowMillis(batchWindowMs)
                .maxBatchRows(maxBatchRows)
                .openTelemetry(main.openTelemetry())
                .allocator(allocator);
        if (threads != null) {
            builder.threads(threads);
        }
        for (String spec : models) {
            int eq = spec.indexOf('=');
            Path dir = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
            String name =
                    eq < 0 ? String.valueOf(dir.toAbsolutePath().normalize().getFileName()) : spec.substring(0, eq);
            try {
                builder.model(name, quiver.loadModel(dir));
            } catch (IllegalArgumentException e) {
                throw new QuiverException(ErrorCode.USAGE, "--model " + spec + ": " + e.getMessage());
            }
        }
        ModelServer server;
        try {
            server = builder.start();
        } catch (UncheckedIOException e) {
            allocator.close();
            throw new QuiverException(ErrorCode.USAGE, e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            boolean drained = server.drainAndStop();
                            main.err.println(
                                    drained
                                            ? "Stopped: every accepted request was answered."
                                            : "Stopped after " + drainSeconds
                                                    + " s with requests still running (--drain-seconds).");
                            main.err.flush();
                            if (drained) {
                                allocator.close();
                            }
                            main.closeTelemetry(); // flushes the last spans
                            stopped.countDown();
                            // Without this the JVM ends a SIGTERMed process with 143; a complete drain is a success.
                            Runtime.getRuntime().halt(drained ? 0 : ErrorCode.INTERNAL.exitCode());
                        },
                        "quiver-serve-drain"));
        main.out.println("Serving " + models.size() + " model" + (models.size() == 1 ? "" : "s") + " on http://"
                + server.host() + ":" + server.port() + " (GET /v1/models lists them; SIGTERM drains and stops)");
        stopped.await();
        return 0;
    }
}
