package dev.quiver.serve.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Predicts each request by itself on a pool of {@code threads} threads ({@code quiver-predict-N}). Its queue holds
 * {@code queue} predictions: requests whose callers gave up at their deadline may still be running, and beyond
 * that a new one is answered 503 rather than piling up. A request whose caller already gave up before it started
 * is dropped unrun. Thread-safe.
 */
public final class DirectPredictor implements Predictor {

    private final ThreadPoolExecutor pool;

    public DirectPredictor(int threads, int queue) {
        AtomicInteger ids = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "quiver-predict-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<Answer> submit(PredictRequest request) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            pool.execute(() -> run(request, answer));
        } catch (RejectedExecutionException e) {
            request.close();
            throw new ApiError(503, "busy", "The server is busy: too many predictions are running. Retry later.");
        }
        return answer;
    }

    /** Runs {@code request} and completes {@code answer}; closes the request first, so its memory is free. */
    static void run(PredictRequest request, CompletableFuture<Answer> answer) {
        if (answer.isDone()) { // the caller's deadline passed while it waited
            request.close();
            return;
        }
        Answer result;
        try (request) {
            result = PredictSteps.alone(request);
        } catch (RuntimeException | Error e) {
            answer.completeExceptionally(e);
            return;
        }
        answer.complete(result);
    }

    @Override
    public boolean stop(long millis) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
