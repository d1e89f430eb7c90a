package dev.quiver.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds small Arrow batches for tests, column by column. {@code null} values (boxed arrays) become nulls.
 *
 * <pre>{@code
 * try (VectorSchemaRoot root = Batches.with(allocator).doubles("x", 1.0, 2.0).strings("y", "a", "b").build()) {...}
 * }</pre>
 *
 * <p>The built root owns its vectors; the caller closes it. All columns must have the same length.
 */
public final class Batches {

    private final BufferAllocator allocator;
    private final List<FieldVector> vectors = new ArrayList<>();

    private Batches(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    public static Batches with(BufferAllocator allocator) {
        return new Batches(allocator);
    }

    public Batches doubles(String name, Double... values) {
        Float8Vector v = new Float8Vector(name, allocator);
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                v.setNull(i);
            } else {
                v.set(i, values[i]);
            }
        }
        return add(v, values.length);
    }

    public Batches floats(String name, float... values) {
        Float4Vector v = new Float4Vector(name, allocator);
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            v.set(i, values[i]);
        }
        return add(v, values.length);
    }

    public Batches longs(String name, Long... values) {
        BigIntVector v = new BigIntVector(name, allocator);
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                v.setNull(i);
            } else {
                v.set(i, values[i]);
            }
        }
        return add(v, values.length);
    }

    public Batches booleans(String name, Boolean... values) {
        BitVector v = new BitVector(name, allocator);
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                v.setNull(i);
            } else {
                v.set(i, values[i] ? 1 : 0);
            }
        }
        return add(v, values.length);
    }

    public Batches strings(String name, String... values) {
        VarCharVector v = new VarCharVector(name, allocator);
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                v.setNull(i);
            } else {
                v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        return add(v, values.length);
    }

    private Batches add(FieldVector v, int count) {
        v.setValueCount(count);
        vectors.add(v);
        return this;
    }

    public VectorSchemaRoot build() {
        int rows = vectors.isEmpty() ? 0 : vectors.get(0).getValueCount();
        for (FieldVector v : vectors) {
            if (v.getValueCount() != rows) {
                vectors.forEach(FieldVector::close);
                throw new IllegalArgumentException(
                        "column " + v.getName() + " has " + v.getValueCount() + " values, expected " + rows);
            }
        }
        VectorSchemaRoot root = new VectorSchemaRoot(new ArrayList<>(vectors));
        root.setRowCount(rows);
        return root;
    }
}
