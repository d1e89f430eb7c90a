package dev.quiver.runtime.bundle;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Roots over other roots' buffers (reference-counted transfers, never copies), as {@link FittedPipeline#predict}
 * builds its output: the caller's input columns shared, the prediction columns moved in. Stateless and
 * thread-safe; each root returned belongs to the caller.
 */
final class SharedRoots {

    private SharedRoots() {}

    /** A root over the same buffers as {@code input} (reference-counted), so transforms may move its vectors. */
    static VectorSchemaRoot share(VectorSchemaRoot input, BufferAllocator allocator) {
        int rows = input.getRowCount();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector v : input.getFieldVectors()) {
                TransferPair pair = v.getTransferPair(allocator);
                if (rows > 0) {
                    pair.splitAndTransfer(0, rows);
                }
                vectors.add((FieldVector) pair.getTo());
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(input.getSchema().getFields(), vectors, rows);
    }

    /**
     * {@code input}'s columns (all rows, or only {@code rows}) followed by the prediction columns; closes
     * {@code predictions}, whose vectors move into the result.
     */
    static VectorSchemaRoot join(
            VectorSchemaRoot input, int[] rows, VectorSchemaRoot predictions, int rowCount, BufferAllocator allocator) {
        List<Field> fields = new ArrayList<>(input.getSchema().getFields());
        List<FieldVector> vectors = new ArrayList<>();
        try (VectorSchemaRoot shared =
                        rows == null ? share(input, allocator) : RowSelection.select(input, rows, allocator);
                VectorSchemaRoot owned = predictions) {
            for (FieldVector v : shared.getFieldVectors()) {
                vectors.add(move(v, allocator));
            }
            for (FieldVector v : owned.getFieldVectors()) {
                fields.add(v.getField());
                vectors.add(move(v, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(fields, vectors, rowCount);
    }

    private static FieldVector move(FieldVector v, BufferAllocator allocator) {
        TransferPair pair = v.getTransferPair(allocator);
        pair.transfer();
        return (FieldVector) pair.getTo();
    }
}
