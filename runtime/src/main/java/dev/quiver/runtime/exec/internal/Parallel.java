package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent tasks (cross-validation folds, tuning trials) on a bounded pool and returns their results in
 * task order, so that what a caller computes from them does not depend on the thread count. Stateless.
 */
public final class Parallel {

    private Parallel() {}

    /**
     * Runs every task, in order on this thread or on a pool, and rethrows the first failure in task order. After a
     * failure no further task starts (a search of many trials fails as soon as one does, not after all of them),
     * and the tasks still running are waited for before the failure is rethrown.
     */
    public static <T> List<T> runAll(List<Callable<T>> work, int threads) {
        List<T> out = new ArrayList<>();
        if (threads <= 1) {
            for (Callable<T> task : work) {
                out.add(call(task));
            }
            return out;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "quiver-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            work.forEach(task -> futures.add(pool.submit(task)));
            RuntimeException first = null;
            for (Future<T> future : futures) {
                if (first != null) {
                    future.cancel(false); // a task already running is not interrupted; it is waited for below
                    continue;
                }
                try {
                    out.add(getUninterruptibly(future));
                } catch (ExecutionException e) {
                    first = e.getCause() instanceof RuntimeException r
                            ? r
                            : new QuiverException(
                                    ErrorCode.INTERNAL, "A parallel task failed: " + e.getCause(), e.getCause());
                }
            }
            if (first != null) {
                // A task still running may own a child of the caller's allocator, which must not be closed under it.
                pool.shutdown();
                awaitUninterruptibly(pool);
                throw first;
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitUninterruptibly(ExecutorService pool) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.DAYS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T getUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T call(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new QuiverException(ErrorCode.INTERNAL, "A parallel task failed: " + e, e);
        }
    }
}
