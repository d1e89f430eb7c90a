package dev.quiver.plugins.io.csv.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One pass over a CSV file: reads up to {@code batchSize} records at a time into the one root it owns.
 *
 * <p>Owns the file channel and the root (allocated from the allocator given to {@link #open}); {@link #close()}
 * releases both. Memory is bounded by one batch of vectors plus the tokenizer's buffer, whatever the file's
 * size. Not thread-safe: one thread reads.
 */
public final class CsvBatchReader implements BatchReader {

    private final String file;
    private final CsvLayout layout;
    private final CsvReadOptions options;
    private final CellParser parser = new CellParser();
    private final FileChannel channel;
    private final CsvTokenizer tokens;
    private final VectorSchemaRoot root;
    private final CellWriter[] writers;
    private final MissingValues missing;
    /** The line each row of the current batch starts on. */
    private long[] lines = new long[0];
    private boolean finished;
    private boolean closed;

    private CsvBatchReader(Path path, CsvLayout layout, CsvReadOptions options, FileChannel channel,
            VectorSchemaRoot root) {
        this.file = path.toString();
        this.layout = layout;
        this.options = options;
        this.channel = channel;
        this.root = root;
        this.tokens = new CsvTokenizer(channel, file, options.delimiter(), options.quote());
        this.missing = new MissingValues(options.nullTokenBytes());
        List<FieldVector> vectors = root.getFieldVectors();
        this.writers = new CellWriter[vectors.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = CellWriter.of(layout.types().get(i), vectors.get(i), parser);
        }
        if (options.header()) {
            tokens.next();
        }
    }

    /** Opens {@code path} for a pass; the caller owns the returned reader. */
    public static CsvBatchReader open(Path path, CsvLayout layout, CsvReadOptions options, BufferAllocator allocator) {
        FileChannel channel = IoFailures.openForReading(path);
        VectorSchemaRoot root = null;
        try {
            root = VectorSchemaRoot.create(layout.schema(), allocator);
            return new CsvBatchReader(path, layout, options, channel, root);
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            }
            closeQuietly(channel, e);
            throw e;
        }
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (closed) {
            throw new IllegalStateException("reader of " + file + " is closed");
        }
        if (finished) {
            return false;
        }
        int batchSize = options.batchSize();
        for (CellWriter w : writers) {
            w.prepare(batchSize);
        }
        int rows = 0;
        int width = writers.length;
        if (lines.length < batchSize) {
            lines = new long[batchSize];
        }
        while (rows < batchSize && tokens.next()) {
            if (tokens.fieldCount() != width) {
                throw CsvLayout.ragged(file, tokens.line(), width, tokens.fieldCount());
            }
            byte[] b = tokens.buffer();
            for (int c = 0; c < width; c++) {
                CellWriter w = writers[c];
                int s = tokens.start(c);
                int e = tokens.end(c);
                if (missing.isMissing(b, s, e, tokens.quoted(c), w.isText())) {
                    w.writeNull(rows);
                } else if (!w.write(rows, b, s, e)) {
                    throw badCell(c, b, s, e);
                }
            }
            lines[rows] = tokens.line();
            rows++;
        }
        root.setRowCount(rows);
        if (rows == 0) {
            finished = true;
            return false;
        }
        return true;
    }

    @Override
    public long line(int row) {
        return lines[row];
    }

    /**
     * A cell that does not fit its column's type, with what to write in the pipeline to read it: a decimal in an
     * inferred int64 column is best read as float64, anything else as text.
     */
    private QuiverException badCell(int column, byte[] b, int start, int end) {
        String name = layout.names().get(column);
        ColumnType type = layout.types().get(column);
        if (type == ColumnType.UTF8) {
            return notUtf8(file, tokens.line(), name, b, start, end);
        }
        String key = options.schemaKeyPath() + "." + name;
        String why;
        if (layout.declared().get(column)) {
            why = "the type was set by " + key;
        } else {
            boolean decimal = type == ColumnType.INT64 && parser.parseDouble(b, start, end);
            int sampled = options.inferRows();
            String fix = decimal ? "float64 to read it as a number with decimals" : "utf8 to read it as text";
            why = "the type was inferred from the first " + (sampled == 1 ? "row" : sampled + " rows") + "; set "
                    + key + ": " + fix;
        }
        return QuiverException.data(file, tokens.line(), name, "cannot read '" + CellWriter.show(b, start, end)
                + "' as " + type.label() + " (" + why + ").");
    }

    /** Text must be UTF-8 (see {@link Utf8Check} for why it is refused here rather than decoded). */
    static QuiverException notUtf8(String file, long line, String column, byte[] b, int start, int end) {
        int at = Utf8Check.firstInvalid(b, start, end);
        return QuiverException.data(file, line, column, String.format(java.util.Locale.ROOT,
                "not valid UTF-8: byte 0x%02X at position %d of the cell; save the file as UTF-8.",
                b[at] & 0xFF, at - start + 1));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            root.close();
        } finally {
            closeQuietly(channel, null);
        }
    }

    private static void closeQuietly(FileChannel channel, RuntimeException pending) {
        try {
            channel.close();
        } catch (IOException e) {
            if (pending != null) {
                pending.addSuppressed(e);
            }
            // Closing a file opened for reading cannot lose data; nothing else to do.
        }
    }
}
