package dev.quiver.api.data;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One output being written. Not thread-safe. The caller owns the writer and keeps ownership of every batch it
 * passes to {@link #write}.
 */
public interface SinkWriter extends AutoCloseable {

    /** Appends the rows of {@code batch}, whose schema must equal the one given to {@link Sink#open}. */
    void write(VectorSchemaRoot batch);

    /** Makes the output visible, atomically where the destination allows it (a file is renamed into place). */
    void commit();

    /** Releases resources; without a prior {@link #commit()} the partial output is discarded. Idempotent. */
    @Override
    void close();
}
