package dev.quiver.serve.internal;

import dev.quiver.runtime.bundle.FittedPipeline;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One predict request on its way to a {@link Predictor}: the model, the raw body and how to encode the answer,
 * and the request's own child allocator. The request owns the allocator: whoever runs it last (the predicting
 * thread, or the submitting one when it is refused) calls {@link #close}. Not thread-safe; handed from the request
 * thread to the predicting thread once.
 *
 * @param name the model's name in the URL
 * @param model the fitted pipeline
 * @param body the request body as received
 * @param arrowIn whether the body is an Arrow IPC stream (else JSON)
 * @param arrowOut whether the answer is an Arrow IPC stream (else JSON)
 * @param allocator the request's child allocator, closed by {@link #close}
 */
public record PredictRequest(
        String name, FittedPipeline model, byte[] body, boolean arrowIn, boolean arrowOut, BufferAllocator allocator)
        implements AutoCloseable {

    @Override
    public void close() {
        allocator.close();
    }
}
