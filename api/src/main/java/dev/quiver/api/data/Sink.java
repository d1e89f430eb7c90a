package dev.quiver.api.data;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** A configured destination for batches. Immutable and thread-safe; each {@link #open} starts a new output. */
public interface Sink {

    /**
     * Starts writing batches of {@code schema}. Nothing is visible at the destination until
     * {@link SinkWriter#commit()}: a writer closed without committing leaves no partial output behind.
     */
    SinkWriter open(Schema schema, BufferAllocator allocator);

    /** A short name for messages, e.g. the file path. */
    String describe();
}
