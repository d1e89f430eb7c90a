package dev.quiver.plugins.io.csv;

import dev.quiver.api.Location;
import dev.quiver.api.Problem;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.plugins.io.csv.internal.ByteRange;
import dev.quiver.plugins.io.csv.internal.CsvBatchReader;
import dev.quiver.plugins.io.csv.internal.CsvLayout;
import dev.quiver.plugins.io.csv.internal.CsvReadOptions;
import dev.quiver.plugins.io.csv.internal.RecordSplits;
import dev.quiver.plugins.io.internal.IoFailures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A configured CSV file. Thread-safe: the layout (header and inferred types) is read once, on the first call
 * to {@link #schema()} or {@link #open}, and shared by every reader after that.
 */
final class CsvSource implements Source {

    private final Path path;
    private final CsvReadOptions options;
    private final Map<String, Location> declaredAt;
    private volatile CsvLayout layout;

    CsvSource(Path path, CsvReadOptions options, Map<String, Location> declaredAt) {
        this.path = path;
        this.options = options;
        this.declaredAt = Map.copyOf(declaredAt);
    }

    @Override
    public Schema schema() {
        return layout().schema();
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        return CsvBatchReader.open(path, layout(), options, allocator);
    }

    /**
     * {@code count} byte ranges of whole records, of about equal size (fewer for a file of fewer bytes; some empty
     * when it has fewer records). The boundaries are found by one sequential scan of the file here, with the
     * reader's own quote rules, so a quoted field holding newlines is never cut ({@link RecordSplits}). How many is
     * the caller's choice (an engine asks for its parallelism).
     */
    @Override
    public List<SourceSplit> splits(int count) {
        layout(); // the file exists and its declared columns do, checked here on the driver
        long size = IoFailures.size(path);
        int parts = (int) Math.max(1, Math.min(count, size));
        List<SourceSplit> splits = new ArrayList<>(parts);
        for (ByteRange range : RecordSplits.of(path, options, parts)) {
            splits.add(new CsvSplit(path, options, range));
        }
        return splits;
    }

    @Override
    public String describe() {
        return path.toString();
    }

    private CsvLayout layout() {
        CsvLayout result = layout;
        if (result == null) {
            synchronized (this) {
                result = layout;
                if (result == null) {
                    result = CsvLayout.read(path, options);
                    checkDeclaredColumnsExist(result);
                    layout = result;
                }
            }
        }
        return result;
    }

    /** A {@code schema:} entry for a column the file lacks is a mistake in the pipeline file, reported there. */
    private void checkDeclaredColumnsExist(CsvLayout found) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, Location> entry : declaredAt.entrySet()) {
            String column = entry.getKey();
            if (!found.names().contains(column)) {
                problems.add(new Problem(
                        entry.getValue(),
                        "no column '" + column + "' in " + path + DidYouMean.hint(column, found.names())
                                + " (the columns are " + found.names() + ")."));
            }
        }
        if (!problems.isEmpty()) {
            throw QuiverException.config(problems);
        }
    }
}
