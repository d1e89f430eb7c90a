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
     * The columns after this transform, for the plan step: checks that the columns it names exist with usable
     * types, before any data is read.
     *
     * @throws dev.quiver.api.QuiverException ({@link dev.quiver.api.ErrorCode#CONFIG}) naming the column and
     *     the ones there are
     */
    Columns plan(Schema input, Columns columns);

    /**
     * Learns what the transform needs (means, categories...) from the training rows of {@code data}, reading it
     * as many times as it likes. Allocations made from {@code allocator} must be released before returning.
     */
    FittedTransform fit(Source data, Columns columns, BufferAllocator allocator);
}
