package dev.quiver.api.data;

import java.io.Serializable;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One part of a {@link Source} that another process can read on its own: a distributed engine's driver asks the
 * source for {@link Source#splits splits}, ships each to a worker (Java serialization), and the worker opens it
 * into Arrow batches there. A split carries what it needs to read its rows (a path and byte range, say), not
 * Arrow memory or open files; the rows of all splits of one call are the source's rows, each exactly once, in
 * split order. Immutable; {@link #open} may be called on any thread, several times.
 */
public interface SourceSplit extends Serializable {

    /**
     * Reads this split's rows. As {@link Source#open}: the reader allocates from {@code allocator} and owns its
     * root; the caller closes the reader.
     */
    BatchReader open(BufferAllocator allocator);

    /** A short name for messages, e.g. {@code data.csv bytes 0-1048576}. */
    String describe();
}
