package dev.quiver.serve.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's executor: a fixed pool of {@code threads} with a queue of {@code queue} exchanges. An exchange
 * that finds both full, or arrives while the server drains, is run on the dispatcher thread with
 * {@link #refused()} true, so its handler answers 503 at once instead of waiting; every exchange handed over is
 * counted until its handler returns, so {@link #awaitIdle} knows when no accepted request is left, and stamped
 * with the time it was queued ({@link #admittedNanos}), from which its deadline counts.
 *
 * <p>Thread-safe: the server's dispatcher calls {@link #execute}, the closing thread the rest.
 */
public final class Admission implements Executor {

    private static final ThreadLocal<Boolean> REFUSED = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Long> ADMITTED = ThreadLocal.withInitial(System::nanoTime);

    private final ThreadPoolExecutor pool;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long lastArrival = System.nanoTime();
    private volatile boolean draining;

    public Admission(int threads, int queue) {
        AtomicInteger ids = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "quiver-serve-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public void execute(Runnable exchange) {
        lastArrival = System.nanoTime();
        if (draining) {
            refuse(exchange);
            return;
        }
        pending.incrementAndGet();
        long admitted = System.nanoTime();
        try {
            pool.execute(() -> {
                ADMITTED.set(admitted);
                try {
                    exchange.run();
                } finally {
                    ADMITTED.remove();
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            refuse(exchange);
        }
    }

    private static void refuse(Runnable exchange) {
        REFUSED.set(true);
        ADMITTED.set(System.nanoTime());
        try {
            exchange.run();
        } finally {
            ADMITTED.remove();
            REFUSED.set(false);
        }
    }

    /** True on a thread running an exchange the server did not accept (queue full or draining). */
    public static boolean refused() {
        return REFUSED.get();
    }

    /**
     * When the exchange this thread runs was handed to the pool ({@link System#nanoTime}), so that a request's
     * deadline counts the time it queued; now for a refused one.
     */
    public static long admittedNanos() {
        return ADMITTED.get();
    }

    /** From now on every new exchange is refused. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Waits until every accepted exchange has been answered, or {@code millis} have passed; true if idle. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (pending.get() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Waits until no request has arrived for {@code quietMillis}, or {@code untilNanos} ({@link System#nanoTime})
     * passed. While draining, this is how long the server keeps answering newcomers 503 before it closes the port:
     * a client (or balancer) that saw the 503 stops sending, so closing the port then cuts off no connection that
     * is already on its way in.
     */
    public void awaitQuiet(long quietMillis, long untilNanos) throws InterruptedException {
        long quiet = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        while (System.nanoTime() - lastArrival < quiet && System.nanoTime() < untilNanos) {
            Thread.sleep(5);
        }
    }

    /** Stops the pool's threads (after {@link #awaitIdle}). */
    public void shutdown() {
        pool.shutdownNow();
    }
}
