package dev.quiver.engine.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a range of output rows into contiguous parts, one per core, and runs them at once. Each part is owned
 * by exactly one thread and computed in a fixed order, and the split depends only on the range and the core
 * count, so results are bit-identical however the threads are scheduled: there are no shared accumulators.
 *
 * <p>The worker threads are daemons shared by the whole JVM; the calling thread always computes the first part
 * itself. Thread-safe.
 */
public final class Parallel {

    /** A body over the rows {@code [from, to)}. */
    @FunctionalInterface
    public interface Rows {
        void run(int from, int to);
    }

    /** The cores to use: {@code -Dquiver.threads=N}, else all the JVM sees. */
    private static final int THREADS = Math.max(
            1, Integer.getInteger("quiver.threads", Runtime.getRuntime().availableProcessors()));

    private static final ExecutorService POOL = THREADS == 1
            ? null
            : Executors.newFixedThreadPool(THREADS - 1, r -> {
                Thread t = new Thread(r, "quiver-kernel");
                t.setDaemon(true);
                return t;
            });

    private Parallel() {}

    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, rows)} split into at most {@link #threads()} parts of at least
     * {@code grain} rows each (so small work stays on the calling thread, where a hand-off would cost more
     * than it saves).
     */
    public static void forRows(int rows, int grain, Rows body) {
        int parts = parts(rows, grain);
        if (parts <= 1) {
            body.run(0, rows);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int part = 1; part < parts; part++) {
            int from = bound(rows, parts, part);
            int to = bound(rows, parts, part + 1);
            futures[part - 1] = POOL.submit(() -> body.run(from, to));
        }
        body.run(0, bound(rows, parts, 1));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** How many parts {@link #forRows} splits {@code rows} into for this {@code grain}: 1 runs on the caller. */
    public static int parts(int rows, int grain) {
        return POOL == null ? 1 : Math.min(THREADS, Math.max(1, rows / Math.max(1, grain)));
    }

    private static int bound(int rows, int parts, int part) {
        return (int) ((long) rows * part / parts);
    }
}
