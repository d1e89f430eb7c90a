package dev.quiver.plugins.io.csv.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that parse CSV chunks, shared by every reader in the process so that parallel readers (folds,
 * trials) do not multiply threads. Daemon threads, made on first use; the count is {@code -Dquiver.threads=N}
 * (as the engine's kernels), else the cores the JVM sees. Tasks never wait on each other. Thread-safe.
 */
final class ParseWorkers {

    private static final int THREADS = Math.max(
            1, Integer.getInteger("quiver.threads", Runtime.getRuntime().availableProcessors()));

    private ParseWorkers() {}

    /** Chunks a reader keeps in flight: one per worker, and one more so that no worker waits for the splitter. */
    static int window() {
        return THREADS + 1;
    }

    static <T> Future<T> submit(Callable<T> task) {
        return Pool.EXECUTOR.submit(task);
    }

    /** Holder: the pool starts only when a file of more than one chunk is read. */
    private static final class Pool {
        private static final AtomicInteger COUNT = new AtomicInteger();
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "quiver-csv-parse-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
