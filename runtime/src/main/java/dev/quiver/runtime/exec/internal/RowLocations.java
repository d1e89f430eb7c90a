package dev.quiver.runtime.exec.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import java.util.function.Supplier;

/**
 * Puts a file and line on the errors transforms raise about a row of a batch ({@link QuiverException#inBatch}):
 * the transform sees only the batch; the caller applying it knows the source and the reader, which knows each
 * row's line. Stateless; any thread.
 */
public final class RowLocations {

    private RowLocations() {}

    /**
     * Runs {@code step} on the current batch of {@code reader} (of {@code source}), locating a batch-row error at
     * its line, or at its 1-based row number of the source when the data has no lines ({@code rowsBefore} is the
     * number of rows in the earlier batches).
     */
    public static <T> T locating(Source source, BatchReader reader, long rowsBefore, Supplier<T> step) {
        try {
            return step.get();
        } catch (QuiverException e) {
            if (e.batchRow() < 0) {
                throw e.locate(source.describe(), 0);
            }
            long line = reader.line(e.batchRow());
            throw e.locate(source.describe(), line > 0 ? line : rowsBefore + e.batchRow() + 1);
        }
    }
}
