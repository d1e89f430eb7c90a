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
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;
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

    /**
     * Columns without nulls are read through their data buffer in bulk; each layout (float64 and float32, into
     * either precision, at a stride and offset, after a slice whose buffers start elsewhere) must give exactly what
     * reading cell by cell gives.
     */
    @Test
    void nullFreeFloatColumnsCopyInBulkExactlyAsCellByCell() {
        int rows = 1000;
        try (Float8Vector wide = new Float8Vector("wide", allocator);
                Float4Vector narrow = new Float4Vector("narrow", allocator)) {
            wide.allocateNew(rows);
            narrow.allocateNew(rows);
            for (int r = 0; r < rows; r++) {
                double v = Math.sin(r * 0.37) * Math.pow(10, r % 17 - 8);
                wide.set(r, r == 7 ? Double.NaN : v);
                narrow.set(r, (float) -v);
            }
            wide.setValueCount(rows);
            narrow.setValueCount(rows);
            for (FieldVector column : List.<FieldVector>of(wide, narrow)) {
                for (int stride : new int[] {1, 3}) {
                    double[] doubles = new double[2 + rows * stride];
                    float[] floats = new float[2 + rows * stride];
                    ArrowColumns.copyDoubles(column, doubles, 2, stride);
                    ArrowColumns.copyFloats(column, floats, 2, stride);
                    for (int r = 0; r < rows; r++) {
                        double expected = ArrowColumns.getDouble(column, r);
                        assertEquals(expected, doubles[2 + r * stride], 0.0, column.getName() + " row " + r);
                        assertEquals((float) expected, floats[2 + r * stride], 0.0f, column.getName() + " row " + r);
                    }
                    assertEquals(0.0, doubles[1], "nothing written before the offset");
                }
            }
            // a slice owns buffers of its own that start at its first row
            TransferPair pair = wide.getTransferPair(allocator);
            pair.splitAndTransfer(100, 50);
            try (FieldVector slice = (FieldVector) pair.getTo()) {
                double[] doubles = new double[50];
                ArrowColumns.copyDoubles(slice, doubles, 0, 1);
                for (int r = 0; r < 50; r++) {
                    assertEquals(wide.get(100 + r), doubles[r], 0.0);
                }
            }
        }
    }

    @Test
    void allFiniteIsFalseForANullANaNAnInfinityOrText() {
        try (VectorSchemaRoot root = table();
                Float8Vector wide = new Float8Vector("wide", allocator)) {
            assertFalse(ArrowColumns.allFinite(root.getVector("a")), "a null");
            assertTrue(ArrowColumns.allFinite(root.getVector("b")));
            assertTrue(ArrowColumns.allFinite(root.getVector("c")));
            assertFalse(ArrowColumns.allFinite(root.getVector("s")), "text");
            wide.allocateNew(4);
            for (int r = 0; r < 4; r++) {
                wide.set(r, r);
            }
            wide.setValueCount(4);
            assertTrue(ArrowColumns.allFinite(wide));
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                wide.set(3, bad);
                assertFalse(ArrowColumns.allFinite(wide), "value " + bad);
            }
            Float4Vector narrow = (Float4Vector) root.getVector("b");
            narrow.set(2, Float.NaN);
            assertFalse(ArrowColumns.allFinite(narrow), "a float32 NaN");
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
