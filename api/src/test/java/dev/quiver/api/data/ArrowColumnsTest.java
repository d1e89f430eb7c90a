package dev.quiver.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArrowColumnsTest {

    // The api module cannot use test-fixtures (it depends on api), so the leak check is written out here: closing
    // a root allocator with memory still allocated throws.
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void leakCheck() {
        allocator.close();
    }

    private VectorSchemaRoot table() {
        BigIntVector a = new BigIntVector("a", allocator);
        Float4Vector b = new Float4Vector("b", allocator);
        BitVector c = new BitVector("c", allocator);
        VarCharVector s = new VarCharVector("s", allocator);
        a.allocateNew(3);
        b.allocateNew(3);
        c.allocateNew(3);
        s.allocateNew(3);
        a.set(0, 1);
        a.setNull(1);
        a.set(2, 3);
        b.set(0, 0.5f);
        b.set(1, 1.5f);
        b.set(2, -2f);
        c.set(0, 1);
        c.set(1, 0);
        c.set(2, 1);
        for (int i = 0; i < 3; i++) {
            s.setSafe(i, ("r" + i).getBytes(StandardCharsets.UTF_8));
        }
        VectorSchemaRoot root = VectorSchemaRoot.of(a, b, c, s);
        root.setRowCount(3);
        return root;
    }

    @Test
    void numericColumnsBecomeARowMajorMatrixWithNullsAsNaN() {
        try (VectorSchemaRoot root = table()) {
            float[] m = new float[1 + 3 * 3];
            ArrowColumns.toRowMajorFloats(root, List.of("a", "b", "c"), m, 1);
            assertArrayEquals(new float[] {0, 1, 0.5f, 1, Float.NaN, 1.5f, 0, 3, -2f, 1}, m);
            double[] d = new double[6];
            ArrowColumns.toRowMajorDoubles(root, List.of("c", "a"), d, 0);
            assertArrayEquals(new double[] {1, 1, 0, Double.NaN, 1, 3}, d);
        }
    }

    @Test
    void onlyNumbersAndBooleansAreNumeric() {
        try (VectorSchemaRoot root = table()) {
            assertTrue(ArrowColumns.isNumeric(root.getVector("a").getField()));
            assertTrue(ArrowColumns.isNumeric(root.getVector("c").getField()));
            assertFalse(ArrowColumns.isNumeric(root.getVector("s").getField()));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ArrowColumns.getDouble(root.getVector("s"), 0));
            assertTrue(e.getMessage().contains("'s'"), e.getMessage());
        }
    }

    @Test
    void aMissingColumnNamesTheOnesThereAre() {
        try (VectorSchemaRoot root = table()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ArrowColumns.vector(root, "z"));
            assertEquals("no column 'z' in batch with columns [a, b, c, s]", e.getMessage());
        }
    }
}
