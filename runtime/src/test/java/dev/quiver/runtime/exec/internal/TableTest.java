package dev.quiver.runtime.exec.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TableData;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Table#withConstant}, which shares every other column's buffers with the original: the values are right,
 * each table can be closed in either order, and every buffer is returned (the extension's allocator checks).
 */
@ExtendWith(LeakCheckExtension.class)
class TableTest {

    private static Table table(BufferAllocator allocator) {
        TableData data = TableData.builder()
                .doubles("x", 1.0, 2.0, null, 4.0, 5.0)
                .longs("n", 10L, null, 30L, 40L, 50L)
                .strings("s", "a", "b", null, "d", "e")
                .booleans("flag", true, false, true, null, false)
                .build()
                .withBatchSize(2);
        return Table.read(data, allocator, allocator, rows -> {});
    }

    @Test
    void aConstantColumnReplacesOneColumnAndTheOthersAreUnchanged(BufferAllocator allocator) {
        try (Table original = table(allocator);
                Table constant = original.withConstant("x", 2.5, allocator);
                Table rounded = original.withConstant("n", 2.6, allocator);
                Table flagged = original.withConstant("flag", 1, allocator)) {
            assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5, 2.5}, constant.doubles("x"));
            assertArrayEquals(original.doubles("n"), constant.doubles("n"));
            assertArrayEquals(original.labels("s"), constant.labels("s"));
            assertArrayEquals(new double[] {3, 3, 3, 3, 3}, rounded.doubles("n"));
            assertArrayEquals(original.doubles("x"), rounded.doubles("x"));
            assertArrayEquals(new double[] {1, 1, 1, 1, 1}, flagged.doubles("flag"));
            assertEquals(5, constant.rows());
            assertArrayEquals(
                    new double[] {1, 2, Double.NaN, 4, 5}, original.doubles("x"), "the original is untouched");
        }
    }

    @Test
    void theCopyOutlivesTheOriginal(BufferAllocator allocator) {
        Table original = table(allocator);
        Table constant = original.withConstant("x", 0, allocator);
        original.close();
        try (constant) {
            assertArrayEquals(new String[] {"a", "b", null, "d", "e"}, constant.labels("s"));
            assertArrayEquals(new double[] {10, Double.NaN, 30, 40, 50}, constant.doubles("n"));
        }
    }

    @Test
    void aTextColumnCannotBeMadeConstant(BufferAllocator allocator) {
        try (Table original = table(allocator)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> original.withConstant("s", 1, allocator));
            assertEquals("column 's' is not numeric", e.getMessage());
        }
    }
}
