package dev.quiver.plugins.io.csv;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.plugins.io.csv.internal.ByteRange;
import dev.quiver.plugins.io.csv.internal.CsvBatchReader;
import dev.quiver.plugins.io.csv.internal.CsvLayout;
import dev.quiver.plugins.io.csv.internal.CsvReadOptions;
import dev.quiver.plugins.io.csv.internal.RecordSplits;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One byte range of whole records of a CSV file (see {@link RecordSplits}); serializable, so a Spark task reads
 * it where it runs. The task re-reads the header and type sample (the same bytes, so the same
 * schema as the driver's) and then only its range: its rows, with their true line numbers in errors. Immutable;
 * {@link #open} may be called on any thread.
 */
final class CsvSplit implements SourceSplit {

    private static final long serialVersionUID = 2L;

    /** A string, not a {@link Path}: paths are not serializable. */
    private final String path;

    private final CsvReadOptions options;
    private final ByteRange range;

    CsvSplit(Path path, CsvReadOptions options, ByteRange range) {
        this.path = path.toString();
        this.options = options;
        this.range = range;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        Path file = Path.of(path);
        CsvLayout layout = CsvLayout.read(file, options);
        return CsvBatchReader.open(file, layout, options, allocator, range);
    }

    @Override
    public String describe() {
        return path + " bytes " + range.start() + "-" + range.end() + " (from line " + range.firstLine() + ")";
    }
}
