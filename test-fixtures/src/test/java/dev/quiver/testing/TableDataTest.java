package dev.quiver.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheckExtension.class)
class TableDataTest {

    @Test
    void csvColumnsGetTheNarrowestTypeAndEmptyCellsAreMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "n,x,flag,name\n1,1.5,true,\"a, b\"\n,2,false,\"say \"\"hi\"\"\"\n3,,TRUE,\n");
        TableData t = SimpleCsv.read(file);
        assertEquals(new ArrowType.Int(64, true), t.field("n").getType());
        assertEquals(
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                t.field("x").getType());
        assertEquals(ArrowType.Bool.INSTANCE, t.field("flag").getType());
        assertEquals(ArrowType.Utf8.INSTANCE, t.field("name").getType());
        assertArrayEquals(new double[] {1.5, 2, Double.NaN}, t.doubles("x"));
        assertEquals(java.util.Arrays.asList("a, b", "say \"hi\"", null), t.labels("name"));
        assertEquals(null, t.cell("n", 1));
    }

    @Test
    void servesRowsInBatchesOfTheGivenSize(BufferAllocator allocator) {
        TableData t = SimpleCsv.read(Datasets.path(Datasets.IRIS)).withBatchSize(64);
        List<Integer> sizes = new ArrayList<>();
        try (BatchReader reader = t.open(allocator)) {
            while (reader.loadNextBatch()) {
                sizes.add(reader.root().getRowCount());
            }
            assertEquals(0, reader.root().getRowCount(), "the root is empty at the end");
        }
        assertEquals(List.of(64, 64, 22), sizes);
    }

    @Test
    void copiesASourceExactly(BufferAllocator allocator) {
        TableData t = TableData.builder()
                .doubles("x", 1.0, null, -0.0)
                .longs("n", 5L, null, 7L)
                .booleans("b", true, false, null)
                .strings("s", "é", null, "")
                .build()
                .withBatchSize(2);
        TableData copy = TableData.copyOf(t, allocator);
        assertEquals(t.schema(), copy.schema());
        try (var a = t.toRoot(allocator);
                var b = copy.toRoot(allocator)) {
            assertEquals(BatchContent.rows(a), BatchContent.rows(b));
        }
    }

    @Test
    void trainingDataInfersTheTaskAndSortsClasses() {
        TableData t = TableData.builder()
                .doubles("x", 1.0, 2.0, 3.0, 4.0)
                .longs("k", 10L, 9L, 10L, 2L)
                .strings("s", "b", "a", "b", "a")
                .doubles("y", 0.5, 1.5, 2.5, 3.5)
                .build();
        TrainingData numeric = t.training("k");
        assertEquals(Task.MULTICLASS, numeric.task());
        assertEquals(List.of("2", "9", "10"), numeric.classes(), "numbers sort numerically");
        assertEquals(List.of("x", "s", "y"), numeric.features());
        assertEquals(Task.BINARY, t.training("s").task());
        assertEquals(Task.REGRESSION, t.training("y").task());
        assertEquals(List.of(), t.training("y").classes());
    }

    @Test
    void memoryStateReadsBackWhatWasWrittenAndNamesMissingKeys() {
        MemoryState state = new MemoryState();
        double[] values = {1.0, Double.NaN, -0.0};
        state.putDoubles("v", values).putString("s", "x").child("inner").putLong("n", 3);
        values[0] = 99; // the state keeps its own copy
        var reader = state.reader();
        assertArrayEquals(new double[] {1.0, Double.NaN, -0.0}, reader.getDoubles("v"));
        assertEquals(3, reader.child("inner").getLong("n"));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> reader.getDoubles("w"));
        assertTrue(missing.getMessage().contains("'w'"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> reader.getLong("s"));
        assertThrows(IllegalStateException.class, () -> state.putString("s", "again"));
    }
}
