package dev.quiver.plugins.io.csv.internal;

import dev.quiver.plugins.io.internal.AtomicFile;
import dev.quiver.plugins.io.internal.AtomicSinkWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes batches as CSV text into a temporary file that {@link #commit()} renames into place.
 *
 * <p>Fields are quoted only when they must be (see {@link ValueWriter}); lines end in LF; text is UTF-8 without
 * a byte order mark. A null is an empty field, except in a one-column table, where it is written {@code NA}.
 * Commit, close and the checks on each batch are {@link AtomicSinkWriter}'s. Owns the temporary file; the caller
 * keeps ownership of the batches. Not thread-safe.
 */
public final class CsvWriter extends AtomicSinkWriter {

    private static final int BUFFER = 1 << 16;
    private static final byte[] LONE_NULL = {'N', 'A'};

    private final OutputStream out;
    private final byte delimiter;
    private final ValueWriter[] columns;

    private CsvWriter(AtomicFile file, Schema schema, byte delimiter) {
        super(file, schema);
        this.out = new BufferedOutputStream(Channels.newOutputStream(file.channel()), BUFFER);
        this.delimiter = delimiter;
        List<Field> fields = schema.getFields();
        this.columns = new ValueWriter[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ValueWriter.of(fields.get(i), delimiter);
        }
    }

    /** Starts writing {@code path} (under a temporary name) with rows of {@code schema}. */
    public static CsvWriter open(Path path, Schema schema, byte delimiter, boolean header) {
        AtomicFile file = AtomicFile.create(path);
        CsvWriter writer = new CsvWriter(file, schema, delimiter);
        if (header) {
            try {
                writer.writeHeader();
            } catch (RuntimeException e) {
                writer.close();
                throw e;
            }
        }
        return writer;
    }

    private void writeHeader() {
        try {
            List<Field> fields = schema().getFields();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(delimiter);
                }
                ValueWriter.writeText(out, fields.get(i).getName().getBytes(StandardCharsets.UTF_8), delimiter);
            }
            out.write('\n');
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    protected void writeBatch(VectorSchemaRoot batch) throws IOException {
        List<FieldVector> vectors = batch.getFieldVectors();
        int rows = batch.getRowCount();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns.length; c++) {
                if (c > 0) {
                    out.write(delimiter);
                }
                FieldVector v = vectors.get(c);
                if (!v.isNull(r)) {
                    columns[c].write(v, r, out);
                } else if (columns.length == 1) {
                    // An empty field alone would make a blank line, which CSV readers (ours too) skip, so the
                    // row would vanish; NA is the source's default null token, and text "NA" is always quoted.
                    out.write(LONE_NULL);
                }
            }
            out.write('\n');
        }
    }

    @Override
    protected void finish() throws IOException {
        out.flush();
    }
}
