package dev.quiver.runtime.bundle;

import dev.quiver.api.model.Model;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Copies chosen rows of a batch, for predict's {@link OnInvalid#SKIP} and {@link OnInvalid#NULL}. Stateless. */
final class RowSelection {

    private RowSelection() {}

    /** A new root holding {@code root}'s rows {@code rows}, in that order. */
    static VectorSchemaRoot select(VectorSchemaRoot root, int[] rows, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>();
        try {
            for (FieldVector from : root.getFieldVectors()) {
                FieldVector to = from.getField().createVector(allocator);
                out.add(to);
                to.setInitialCapacity(rows.length);
                to.allocateNew();
                for (int i = 0; i < rows.length; i++) {
                    to.copyFromSafe(rows[i], i, from);
                }
                to.setValueCount(rows.length);
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(root.getSchema().getFields(), out, rows.length);
    }

    /**
     * A new root of {@code rowCount} rows (nullable columns) where row {@code rows[i]} is {@code compact}'s row
     * {@code i} and every other row is null.
     */
    static VectorSchemaRoot spread(VectorSchemaRoot compact, int[] rows, int rowCount, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        try {
            for (FieldVector from : compact.getFieldVectors()) {
                Field field = nullable(from.getField());
                FieldVector to = field.createVector(allocator);
                out.add(to);
                fields.add(field);
                to.setInitialCapacity(rowCount);
                to.allocateNew();
                for (int i = 0; i < rows.length; i++) {
                    to.copyFromSafe(i, rows[i], from);
                }
                // Rows never written stay null: allocateNew clears the validity bits, setValueCount fills offsets.
                to.setValueCount(rowCount);
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(fields, out, rowCount);
    }

    /** {@code root}'s vectors (moved, so {@code root} is left empty and closed) under nullable fields. */
    static VectorSchemaRoot nullable(VectorSchemaRoot root, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        try (root) {
            for (FieldVector from : root.getFieldVectors()) {
                Field field = nullable(from.getField());
                FieldVector to = field.createVector(allocator);
                out.add(to);
                fields.add(field);
                from.makeTransferPair(to).transfer();
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(fields, out, root.getRowCount());
    }

    static Field nullable(Field f) {
        return f.isNullable()
                ? f
                : new Field(
                        f.getName(),
                        new FieldType(true, f.getType(), f.getDictionary(), f.getMetadata()),
                        f.getChildren());
    }

    /** The model's predictions for {@code rows} of {@code root} only, so it never sees a value training would reject. */
    static VectorSchemaRoot predictRows(Model model, VectorSchemaRoot root, int[] rows, BufferAllocator allocator) {
        if (rows.length == 0) {
            return VectorSchemaRoot.create(new Schema(model.predictionFields()), allocator);
        }
        try (VectorSchemaRoot subset = select(root, rows, allocator)) {
            return model.predict(subset, allocator);
        }
    }
}
