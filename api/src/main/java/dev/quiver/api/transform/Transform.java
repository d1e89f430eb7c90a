package dev.quiver.api.transform;

import dev.quiver.api.data.Source;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A configured, not yet fitted, transform. Immutable and thread-safe (cross-validation fits one per fold, in
 * parallel).
 */
public interface Transform {

    /**
     * The plan step, before any data is read: checks that the columns this transform names exist in
     * {@code input} with types it can use, and declares the schema (names and types) and column roles its
     * output will have. The fitted transform's {@link FittedTransform#outputSchema} for the same input must
     * {@linkplain TransformPlan#mismatch match} it: later transforms plan against these types, and the runtime
     * refuses a feature that would reach the model as anything but numbers.
     *
     * @param input the schema this transform will see: the source's, or the plan of the transform before it
     *     (which may hold {@linkplain TransformPlan#placeholder placeholders})
     * @param columns the features and target in {@code input}
     * @throws dev.quiver.api.QuiverException ({@link dev.quiver.api.ErrorCode#CONFIG}) naming the column and
     *     the ones there are
     */
    TransformPlan plan(Schema input, Columns columns);

    /**
     * Learns what the transform needs (means, categories...) from the training rows of {@code data}, reading it
     * as many times as it likes. Allocations made from {@code allocator} must be released before returning.
     */
    FittedTransform fit(Source data, Columns columns, BufferAllocator allocator);
}
