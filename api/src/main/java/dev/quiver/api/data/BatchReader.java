package dev.quiver.api.data;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One pass over a {@link Source}, shaped like Arrow's {@code ArrowReader}: the reader owns a single
 * {@link VectorSchemaRoot} and refills it on each {@link #loadNextBatch()}.
 *
 * <p>Not thread-safe: one thread reads. The root's contents are valid until the next {@code loadNextBatch()}
 * or {@code close()}; a consumer that needs rows longer must copy them (or transfer the vectors, which leaves
 * the root's vectors empty but usable for the next batch).
 */
public interface BatchReader extends AutoCloseable {

    /** The root this reader fills; the same instance for every batch. */
    VectorSchemaRoot root();

    /**
     * Loads the next batch into {@link #root()}.
     *
     * @return false at the end of the data (the root is then empty)
     * @throws dev.quiver.api.QuiverException with {@link dev.quiver.api.ErrorCode#DATA} for a bad cell or row,
     *     naming the file, row and column
     */
    boolean loadNextBatch();

    /**
     * The 1-based line of the file on which row {@code row} (0-based) of the current batch starts, for error
     * messages; 0 when the data has no lines (the default). A reader that wraps another delegates to it when it
     * keeps the rows in order.
     */
    default long line(int row) {
        return 0;
    }

    /** Releases the root and any open file. Idempotent. */
    @Override
    void close();
}
