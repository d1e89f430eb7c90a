package dev.quiver.runtime.exec.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams prediction batches into an Arrow IPC file, moving (not copying) their vectors: all of them, or, when
 * {@code kept} is non-null, a row id and the {@code kept} columns.
 * Owned by the {@link Evaluation} that opened it; one thread writes it and closes it.
 */
final class PredictionWriter implements AutoCloseable {
    private final FileChannel channel;
    private final Set<String> kept;
    private VectorSchemaRoot root;
    private ArrowFileWriter writer;
    private long rowsWritten;

    PredictionWriter(Path file, Set<String> kept) {
        this.kept = kept;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    void write(VectorSchemaRoot batch, BufferAllocator allocator) {
        start(batch.getSchema(), allocator);
        int rows = batch.getRowCount();
        for (FieldVector target : root.getFieldVectors()) {
            String name = target.getField().getName();
            if (kept != null && name.equals(PredictionsOutput.ROW_ID)) {
                BigIntVector ids = (BigIntVector) target;
                ids.allocateNew(rows);
                for (int r = 0; r < rows; r++) {
                    ids.set(r, rowsWritten + r);
                }
            } else {
                batch.getVector(name).makeTransferPair(target).transfer();
            }
        }
        root.setRowCount(rows);
        rowsWritten += rows;
        try {
            writer.writeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row id, then the kept fields in their order in {@code full}. */
    private Schema lean(Schema full) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.notNullable(PredictionsOutput.ROW_ID, new ArrowType.Int(64, true)));
        for (Field f : full.getFields()) {
            if (kept.contains(f.getName()) && !f.getName().equals(PredictionsOutput.ROW_ID)) {
                fields.add(f);
            }
        }
        return new Schema(fields);
    }

    void finish(Schema schema, BufferAllocator allocator) {
        start(schema, allocator);
        try {
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start(Schema schema, BufferAllocator allocator) {
        if (writer == null) {
            root = VectorSchemaRoot.create(kept == null ? schema : lean(schema), allocator);
            writer = new ArrowFileWriter(root, null, channel);
            try {
                writer.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (root != null) {
                root.close();
            }
        }
    }
}
