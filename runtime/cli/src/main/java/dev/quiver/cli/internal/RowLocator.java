package dev.quiver.cli.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.runtime.bundle.InvalidRowException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A source that counts the rows before the current batch, so that an {@link InvalidRowException} (a batch row)
 * is reported where the user can find it: the file's line for CSV (row + 2: the header is line 1), the 0-based
 * row of the file otherwise. One per command; confined to the command's thread.
 */
public final class RowLocator implements Source {

    private final Source source;
    private final Path file;
    private long rowsBefore;
    private BatchReader current;

    public RowLocator(Source source, Path file) {
        this.source = source;
        this.file = file;
    }

    /** The error at the file's line (CSV) or row, column and reason kept. */
    public QuiverException locate(InvalidRowException e) {
        long line = current == null ? 0 : current.line(e.row());
        if (line > 0) {
            return e.locatedAt(file + ":" + line);
        }
        long row = rowsBefore + e.row();
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        return e.locatedAt(csv ? file + ":" + (row + 2) : file + " row " + row + " (0-based)");
    }

    @Override
    public org.apache.arrow.vector.types.pojo.Schema schema() {
        return source.schema();
    }

    @Override
    public OptionalLong rowCount() {
        return source.rowCount();
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        BatchReader reader = source.open(allocator);
        current = reader;
        rowsBefore = 0;
        return new BatchReader() {
            private int current;

            @Override
            public VectorSchemaRoot root() {
                return reader.root();
            }

            @Override
            public boolean loadNextBatch() {
                rowsBefore += current;
                boolean more = reader.loadNextBatch();
                current = more ? reader.root().getRowCount() : 0;
                return more;
            }

            @Override
            public long line(int row) {
                return reader.line(row);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }
}
