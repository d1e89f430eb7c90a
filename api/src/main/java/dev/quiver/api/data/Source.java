package dev.quiver.api.data;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A configured table that can be read any number of times, one pass per {@link #open} (one epoch, say).
 *
 * <p>Immutable and thread-safe: several readers may be open at once, each with its own allocator. Creating a
 * source reads nothing; {@link #schema()} reads only what it needs to know the columns (a CSV header and a
 * sample for type inference, an Arrow file's footer) and is what the runtime's plan step calls to check column
 * names and types before any training starts.
 */
public interface Source {

    /**
     * The schema every batch will have. Cheap, and stable across calls.
     *
     * @throws dev.quiver.api.QuiverException with {@link dev.quiver.api.ErrorCode#DATA} when the data cannot
     *     be read (missing file, no header), naming the file
     */
    Schema schema();

    /**
     * Starts a pass over the data. The reader allocates its root from {@code allocator} and owns it; the caller
     * owns the reader and must close it (before closing the allocator).
     */
    BatchReader open(BufferAllocator allocator);

    /**
     * This table narrowed to {@code columns} (names of {@link #schema()}, kept in the schema's order), for a
     * format that can skip the other columns' bytes. The runtime calls it once the plan knows which columns a
     * pipeline reads (its features and target), so a wide file costs only what is used. A source that would read
     * every column anyway keeps this default, which returns the source itself; callers must accept either.
     */
    default Source select(List<String> columns) {
        return this;
    }

    /**
     * The rows this source holds out for validation itself, for data the runtime's seeded row split would divide
     * wrongly: a text corpus is split by position (its windows are contiguous, and a BPE tokenizer learns from the
     * training part only). When present, {@link #open} reads the training rows only, the runtime validates on
     * these, and a pipeline may not add a {@code split:} of its own. Creating the view reads nothing. Empty by
     * default.
     */
    default Optional<Source> validationRows() {
        return Optional.empty();
    }

    /**
     * About {@code count} independent parts of this table for a distributed engine (see {@link SourceSplit}), or
     * empty when the source cannot be split (the default): a database cursor, say. Cheap: a split is a
     * description (a byte range, a row group), computed without reading the rows.
     */
    default List<SourceSplit> splits(int count) {
        return List.of();
    }

    /** The number of rows, when known without reading the data. */
    default OptionalLong rowCount() {
        return OptionalLong.empty();
    }

    /** A short name for messages, e.g. the file path. */
    String describe();
}
