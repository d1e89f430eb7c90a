package dev.quiver.serve.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's executor: a fixed pool of {@code threads} with a queue of {@code queue} exchanges. An exchange
 * that finds both full, or arrives while the server drains, is run on one of the four ({@code REFUSERS}) refusal
 * threads ({@code quiver-refuse-N}) with {@link #refused()} true, so its handler answers 503 at once instead of
 * waiting. Not on the JDK server's dispatcher thread, the one that also accepts connections: running an exchange
 * reads its request line and headers, and closing it reads what is left of its body, both blocking, so one client
 * that stalls mid-request (headers sent, body not) would stop every newcomer from getting its 503. Every exchange
 * handed over is counted until its handler returns, so {@link #awaitIdle} knows when no accepted request is left,
 * and stamped with the time it was queued ({@link #admittedNanos}), from which its deadline counts.
 *
 * <p>Thread-safe: the server's dispatcher calls {@link #execute}, the closing thread the rest.
 */
public final class Admission implements Executor {

    private static final ThreadLocal<Boolean> REFUSED = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Long> ADMITTED = ThreadLocal.withInitial(System::nanoTime);

    /** Threads answering refused exchanges; a stalled client holds one until it sends or the server stops. */
    static final int REFUSERS = 4;

    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor refusals;
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
        AtomicInteger refuserIds = new AtomicInteger();
        // unbounded: a refusal costs well under a millisecond, so only stalled clients make it wait, never the
        // dispatcher; idle refusal threads end, so a quiet server holds none
        this.refusals =
                new ThreadPoolExecutor(REFUSERS, REFUSERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "quiver-refuse-" + refuserIds.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        refusals.allowCoreThreadTimeOut(true);
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

    private void refuse(Runnable exchange) {
        try {
            refusals.execute(() -> refuseHere(exchange));
        } catch (RejectedExecutionException e) {
            refuseHere(exchange); // stopped: the server is closing its connections anyway
        }
    }

    private static void refuseHere(Runnable exchange) {
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

    /**
     * Stops the pool's and the refusal threads (after {@link #awaitIdle} and the server's stop, which closed the
     * connections a refusal may still be reading), waiting a moment for the refusals so that none counts a metric
     * after the host closed them.
     */
    public void shutdown() {
        pool.shutdownNow();
        refusals.shutdownNow();
        try {
            refusals.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
