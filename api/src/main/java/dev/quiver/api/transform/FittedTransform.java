package dev.quiver.api.transform;

import dev.quiver.api.state.StateWriter;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A fitted transform: immutable and thread-safe, applied to training batches and, after a reload, to the
 * batches a service sends to {@code predict}.
 *
 * <p>The target column may be absent (prediction-time data has none); a transform must pass through every
 * column it does not rewrite.
 */
public interface FittedTransform {

    /** The factory name that {@link TransformFactory#load} is found under. */
    String type();

    /** The columns' roles after the transform. */
    Columns columns(Columns input);

    /** The schema {@link #apply} produces for an input of {@code input}. */
    Schema outputSchema(Schema input);

    /**
     * Transforms one batch. Returns a new root allocated from {@code allocator}, owned by the caller.
     * {@code input} is only read: its vectors are neither written nor moved (transferred), since a vector once
     * read is not written (Arrow's rule) and the caller may still use them. A column passed through unchanged
     * may share {@code input}'s buffers by reference counting ({@code TransferPair.splitAndTransfer(0, rows)}),
     * which leaves {@code input} intact; the caller closes {@code input} and the result in either order.
     */
    VectorSchemaRoot apply(VectorSchemaRoot input, BufferAllocator allocator);

    /** Writes what {@link TransformFactory#load} needs to rebuild this transform exactly. */
    void save(StateWriter state);

    /** What was learned, for {@code quiver inspect}: JSON-friendly maps, lists, strings and numbers. */
    Map<String, Object> describe();
}
