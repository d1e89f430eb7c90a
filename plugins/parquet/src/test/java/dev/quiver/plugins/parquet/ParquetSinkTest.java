package dev.quiver.plugins.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.plugins.parquet.internal.DictionaryColumns;
import dev.quiver.testing.Batches;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the parquet sink writes, read by DuckDB; and the decoding of dictionary-encoded string columns. */
@ExtendWith(LeakCheckExtension.class)
class ParquetSinkTest {

    @TempDir
    Path dir;

    private SinkWriter open(Path file, VectorSchemaRoot batch, BufferAllocator allocator) {
        MapConfig config = new MapConfig("sink", Map.of("path", file.toString()));
        return new ParquetSinkFactory().create(config, new TestContext()).open(batch.getSchema(), allocator);
    }

    @Test
    void duckDbReadsWhatTheSinkWrote(BufferAllocator allocator) {
        Path file = dir.resolve("sub/predictions.parquet");
        try (VectorSchemaRoot b0 = Batches.with(allocator)
                        .longs("id", 1L, 2L)
                        .doubles("prediction", 0.25, null)
                        .strings("label", "setosa", "virginica")
                        .build();
                VectorSchemaRoot b1 = Batches.with(allocator)
                        .longs("id", 3L)
                        .doubles("prediction", -1.5)
                        .strings("label", (String) null)
                        .build();
                SinkWriter writer = open(file, b0, allocator)) {
            writer.write(b0);
            writer.write(b1);
            writer.commit();
        }
        assertEquals(
                List.of(
                        Arrays.asList(1L, 0.25, "setosa"),
                        Arrays.asList(2L, null, "virginica"),
                        Arrays.asList(3L, -1.5, null)),
                DuckDb.rows("SELECT id, prediction, label FROM '" + file + "' ORDER BY id"));
        assertEquals(
                List.of(List.of("id", "BIGINT"), List.of("prediction", "DOUBLE"), List.of("label", "VARCHAR")),
                DuckDb.rows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '" + file + "')"));
    }

    @Test
    void aCommitWithoutRowsIsADataErrorThatLeavesNothingBehind(BufferAllocator allocator) throws Exception {
        Path file = dir.resolve("empty.parquet");
        try (VectorSchemaRoot b0 = Batches.with(allocator).longs("id", 1L).build();
                VectorSchemaRoot none = Batches.with(allocator).longs("id").build();
                SinkWriter writer = open(file, b0, allocator)) {
            writer.write(none);
            QuiverException e = assertThrows(QuiverException.class, writer::commit);
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(e.getMessage().contains("no rows to write"), e.getMessage());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void aCommitReplacesAnOlderFile(BufferAllocator allocator) throws Exception {
        Path file = dir.resolve("out.parquet");
        Files.writeString(file, "old content");
        try (VectorSchemaRoot b0 = Batches.with(allocator).longs("id", 7L).build();
                SinkWriter writer = open(file, b0, allocator)) {
            writer.write(b0);
            assertEquals("old content", Files.readString(file), "the old file stays until commit");
            writer.commit();
        }
        assertEquals(List.of(List.of(7L)), DuckDb.rows("SELECT id FROM '" + file + "'"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void dictionaryEncodedStringsAreDecodedAndOtherDictionariesRefusedByName(BufferAllocator allocator) {
        try (VarCharVector values = new VarCharVector("colour", allocator);
                VarCharVector raw = new VarCharVector("colour", allocator);
                IntVector numbers = new IntVector("size", allocator)) {
            values.allocateNew();
            values.setSafe(0, "red".getBytes(StandardCharsets.UTF_8));
            values.setSafe(1, "blue".getBytes(StandardCharsets.UTF_8));
            values.setValueCount(2);
            Dictionary strings = new Dictionary(values, new DictionaryEncoding(1L, false, null));
            raw.allocateNew();
            raw.setSafe(0, "blue".getBytes(StandardCharsets.UTF_8));
            raw.setNull(1);
            raw.setSafe(2, "red".getBytes(StandardCharsets.UTF_8));
            raw.setValueCount(3);
            try (FieldVector encoded = (FieldVector) DictionaryEncoder.encode(raw, strings);
                    FieldVector decoded = DictionaryColumns.decode(
                            encoded, new DictionaryProvider.MapDictionaryProvider(strings), allocator, "f.parquet")) {
                assertEquals(
                        Arrays.asList("blue", null, "red"),
                        SourceConformance.cells(VectorSchemaRoot.of(decoded)).stream()
                                .map(r -> r.get(0))
                                .toList());
            }
            numbers.allocateNew(2);
            numbers.set(0, 10);
            numbers.set(1, 20);
            numbers.setValueCount(2);
            Dictionary ints = new Dictionary(numbers, new DictionaryEncoding(2L, false, null));
            try (IntVector rawInts = new IntVector("size", allocator)) {
                rawInts.allocateNew(1);
                rawInts.set(0, 20);
                rawInts.setValueCount(1);
                try (FieldVector encoded = (FieldVector) DictionaryEncoder.encode(rawInts, ints)) {
                    QuiverException e = assertThrows(
                            QuiverException.class,
                            () -> DictionaryColumns.decode(
                                    encoded,
                                    new DictionaryProvider.MapDictionaryProvider(ints),
                                    allocator,
                                    "f.parquet"));
                    assertEquals(
                            "f.parquet column 'size': the column is dictionary-encoded Int(32, true); only "
                                    + "dictionary-encoded strings are read.",
                            e.getMessage());
                }
            }
        }
    }
}
