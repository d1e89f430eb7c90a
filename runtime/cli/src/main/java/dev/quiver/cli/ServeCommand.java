package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.RunReference;
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
 * drains every accepted request before the process ends.
 */
@Command(name = "serve", description = "Serve saved runs over HTTP (JSON and Arrow predictions, health, models).")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "[NAME=]RUN",
            description = "A run history (its LATEST run), a run folder or HISTORY/RUN_ID to serve as"
                    + " /v1/models/NAME (default NAME: the history's or folder's name); repeatable.")
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

    @Override
    public Integer call() throws InterruptedException {
        Quiver quiver = main.quiver();
        BufferAllocator allocator = MemoryLimits.rootAllocator();
        ModelServer.Builder builder = ModelServer.builder()
                .host(host)
                .port(port)
                .queue(queue)
                .maxBodyBytes(maxBody)
                .drainMillis(drainSeconds * 1000)
                .allocator(allocator);
        if (threads != null) {
            builder.threads(threads);
        }
        for (String spec : models) {
            int eq = spec.indexOf('=');
            RunReference run = RunReference.resolve(Path.of(eq < 0 ? spec : spec.substring(eq + 1)));
            String name = eq < 0 ? run.displayName() : spec.substring(0, eq);
            try {
                builder.model(name, quiver.loadModel(run.run()));
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
                            allocator.close();
                            stopped.countDown();
                        },
                        "quiver-serve-drain"));
        main.out.println("Serving " + models.size() + " model" + (models.size() == 1 ? "" : "s") + " on http://"
                + server.host() + ":" + server.port() + " (GET /v1/models lists them; SIGTERM drains and stops)");
        stopped.await();
        return 0;
    }
}
