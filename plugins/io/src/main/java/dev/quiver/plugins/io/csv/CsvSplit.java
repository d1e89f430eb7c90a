package dev.quiver.plugins.io.csv;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.plugins.io.csv.internal.ByteRange;
import dev.quiver.plugins.io.csv.internal.CsvBatchReader;
import dev.quiver.plugins.io.csv.internal.CsvLayout;
import dev.quiver.plugins.io.csv.internal.CsvReadOptions;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One byte range of a CSV file, cut on line boundaries when opened (see {@link ByteRange}); serializable, so a
 * Spark task reads it where it runs. The task re-reads the header and type sample (the same bytes, so the same
 * schema as the driver's) and then only its range: its rows, with their true line numbers in errors. Immutable;
 * {@link #open} may be called on any thread.
 */
final class CsvSplit implements SourceSplit {

    private static final long serialVersionUID = 1L;

    /** A string, not a {@link Path}: paths are not serializable. */
    private final String path;

    private final CsvReadOptions options;
    private final long cutStart;
    private final long cutEnd;

    CsvSplit(Path path, CsvReadOptions options, long cutStart, long cutEnd) {
        this.path = path.toString();
        this.options = options;
        this.cutStart = cutStart;
        this.cutEnd = cutEnd;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        Path file = Path.of(path);
        CsvLayout layout = CsvLayout.read(file, options);
        return CsvBatchReader.open(file, layout, options, allocator, ByteRange.between(file, cutStart, cutEnd));
    }

    @Override
    public String describe() {
        return path + " bytes " + cutStart + "-" + cutEnd;
    }
}
