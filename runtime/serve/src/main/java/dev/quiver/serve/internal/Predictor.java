package dev.quiver.serve.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Runs predict requests off the request threads, so that a request thread can stop waiting at its deadline (504)
 * while the model finishes on its own. {@link DirectPredictor} predicts each request alone; {@link MicroBatcher}
 * joins concurrent small ones into one batch. Thread-safe: every request thread calls {@link #submit}; the
 * server's closing thread calls {@link #stop}.
 */
public interface Predictor {

    /**
     * Takes ownership of {@code request}. The future completes with the encoded answer, or with the
     * {@link ApiError}, {@code InvalidRowException} or {@code QuiverException} that a bad request gives.
     *
     * @throws ApiError 503 when too many predictions wait already (the request is then closed)
     */
    CompletableFuture<Answer> submit(PredictRequest request);

    /** Stops taking requests, lets the running ones end for up to {@code millis}; true if all ended. */
    boolean stop(long millis) throws InterruptedException;
}
