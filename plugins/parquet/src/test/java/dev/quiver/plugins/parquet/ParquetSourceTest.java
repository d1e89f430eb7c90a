package dev.quiver.plugins.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.plugins.parquet.internal.FileSet;
import dev.quiver.plugins.parquet.internal.ScanBatchReader;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.conformance.SourceConformance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The parquet source on files DuckDB wrote: types, nulls, projection, folders, streaming and errors. */
@ExtendWith(LeakCheckExtension.class)
class ParquetSourceTest {

    @TempDir
    Path dir;

    private static final String TYPED = "SELECT i::INTEGER AS i32, i::BIGINT AS i64, (i / 2)::FLOAT AS f32, "
            + "(i / 4)::DOUBLE AS f64, i % 2 = 0 AS flag, 'c' || (i % 3) AS label, "
            + "CASE WHEN i % 4 = 0 THEN NULL ELSE i END::BIGINT AS holes FROM range(10) t(i) ORDER BY i";

    private Source source(String path) {
        return ParquetSourceConformanceTest.source(dir, path);
    }

    @Test
    void readsEachSupportedTypeWithItsNulls(BufferAllocator allocator) {
        DuckDb.write(dir.resolve("typed.parquet"), TYPED, 4);
        Source source = source("typed.parquet");
        List<ArrowType> types =
                source.schema().getFields().stream().map(Field::getType).toList();
        assertEquals(
                List.of(
                        new ArrowType.Int(32, true),
                        new ArrowType.Int(64, true),
                        new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                        ArrowType.Bool.INSTANCE,
                        ArrowType.Utf8.INSTANCE,
                        new ArrowType.Int(64, true)),
                types);
        List<List<Object>> rows = SourceConformance.readAll(source, allocator);
        assertEquals(10, rows.size());
        assertEquals(Arrays.asList(3, 3L, 1.5f, 0.75, false, "c0", 3L), rows.get(3));
        assertEquals(Arrays.asList(4, 4L, 2.0f, 1.0, true, "c1", null), rows.get(4));
    }

    @Test
    void readsStringsThatParquetStoresDictionaryEncoded(BufferAllocator allocator) {
        Path file = DuckDb.write(
                dir.resolve("dict.parquet"),
                "SELECT 'colour-' || (i % 3) AS colour FROM range(3000) " + "t(i) ORDER BY i",
                1000);
        // The test is about a dictionary-encoded column chunk: make sure DuckDB wrote one.
        List<List<Object>> encodings = DuckDb.rows("SELECT DISTINCT encodings FROM parquet_metadata('" + file + "')");
        assertTrue(encodings.toString().contains("DICTIONARY"), "DuckDB's encodings: " + encodings);
        List<List<Object>> rows = SourceConformance.readAll(source("dict.parquet"), allocator);
        assertEquals(3000, rows.size());
        assertEquals(List.of("colour-2"), rows.get(2999));
    }

    @Test
    void selectReadsOnlyTheNamedColumnsInTheFilesOrder(BufferAllocator allocator) {
        DuckDb.write(dir.resolve("typed.parquet"), TYPED, 4);
        Source narrowed = source("typed.parquet").select(List.of("label", "i64"));
        assertEquals(
                List.of("i64", "label"),
                narrowed.schema().getFields().stream().map(Field::getName).toList());
        try (BatchReader reader = narrowed.open(allocator)) {
            reader.loadNextBatch();
            assertEquals(2, reader.root().getFieldVectors().size(), "only the selected columns are read");
        }
        assertEquals(
                List.of(7L, "c1"),
                SourceConformance.readAll(narrowed, allocator).get(7));
    }

    @Test
    void aNestedOrUnsupportedColumnIsRefusedByNameOnlyWhenRead(BufferAllocator allocator) {
        DuckDb.write(
                dir.resolve("odd.parquet"),
                "SELECT 1::BIGINT AS id, [1, 2] AS tags, {'a': 1} AS point, " + "DATE '2020-01-02' AS day",
                10);
        Source source = source("odd.parquet");
        QuiverException nested = assertThrows(QuiverException.class, () -> source.open(allocator));
        assertEquals(ErrorCode.DATA, nested.code());
        assertTrue(
                nested.getMessage().contains("column 'tags'")
                        && nested.getMessage().contains("nested"),
                nested.getMessage());
        QuiverException date = assertThrows(
                QuiverException.class, () -> source.select(List.of("id", "day")).open(allocator));
        assertTrue(
                date.getMessage().contains("column 'day'") && date.getMessage().contains("Date"), date.getMessage());
        assertEquals(
                List.of(List.of(1L)),
                SourceConformance.readAll(source.select(List.of("id")), allocator),
                "a pipeline that leaves those columns out reads the rest");
    }

    @Test
    void aFolderIsEveryParquetFileUnderItInPathOrderSkippingHiddenAndMarkerFiles(BufferAllocator allocator)
            throws IOException {
        Path table = Files.createDirectories(dir.resolve("table/year=2024"));
        Files.createDirectories(dir.resolve("table/_temporary"));
        DuckDb.write(table.resolve("b.parquet"), "SELECT 2::BIGINT AS id", 10);
        DuckDb.write(dir.resolve("table/a.parquet"), "SELECT 1::BIGINT AS id", 10);
        DuckDb.write(dir.resolve("table/_temporary/c.parquet"), "SELECT 99::BIGINT AS id", 10);
        DuckDb.write(dir.resolve("table/.d.parquet"), "SELECT 98::BIGINT AS id", 10);
        Files.writeString(dir.resolve("table/_SUCCESS"), "");
        Files.writeString(dir.resolve("table/notes.txt"), "not data");
        assertEquals(List.of(List.of(1L), List.of(2L)), SourceConformance.readAll(source("table"), allocator));
        assertEquals(List.of(List.of(2L)), SourceConformance.readAll(source("table/*/*.parquet"), allocator));
        assertEquals(
                List.of(List.of(1L), List.of(2L)), SourceConformance.readAll(source("table/**.parquet"), allocator));
    }

    @Test
    void aFolderSplitsIntoOneSplitPerFileThatReadsItsRowsAfterSerialization(BufferAllocator allocator)
            throws Exception {
        Path table = Files.createDirectories(dir.resolve("parts"));
        for (int p = 0; p < 3; p++) {
            DuckDb.write(
                    table.resolve("part-" + p + ".parquet"),
                    "SELECT (i + " + p * 100 + ")::BIGINT AS id, i * 0.5 AS x FROM range(" + (10 + p) + ") t(i)",
                    4);
        }
        Source source = source("parts").select(List.of("id"));
        List<SourceSplit> splits = source.splits(8);
        assertEquals(3, splits.size(), "one per file, not per requested count");
        List<List<Object>> rows = new ArrayList<>();
        for (SourceSplit split : splits) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(split);
            }
            SourceSplit shipped;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                shipped = (SourceSplit) in.readObject();
            }
            try (BatchReader reader = shipped.open(allocator)) {
                assertEquals(
                        List.of("id"),
                        reader.root().getSchema().getFields().stream()
                                .map(f -> f.getName())
                                .toList());
                while (reader.loadNextBatch()) {
                    for (int r = 0; r < reader.root().getRowCount(); r++) {
                        rows.add(List.of(reader.root().getVector("id").getObject(r)));
                    }
                }
            }
        }
        assertEquals(SourceConformance.readAll(source, allocator), rows, "the source's rows, once each, in order");
        assertEquals(33, rows.size());
        assertTrue(splits.get(2).describe().endsWith("part-2.parquet"), splits.get(2)::describe);
    }

    @Test
    void missingCorruptAndEmptyInputsAreDataErrorsNamingThePath() throws IOException {
        QuiverException missing =
                assertThrows(QuiverException.class, () -> source("nope.parquet").schema());
        assertEquals(ErrorCode.DATA, missing.code());
        assertTrue(missing.getMessage().contains(dir.resolve("nope.parquet").toString()), missing.getMessage());

        Files.writeString(dir.resolve("bad.parquet"), "this is not a Parquet file");
        QuiverException corrupt =
                assertThrows(QuiverException.class, () -> source("bad.parquet").schema());
        assertEquals(ErrorCode.DATA, corrupt.code());
        assertTrue(
                corrupt.getMessage().startsWith(dir.resolve("bad.parquet") + ": not a readable Parquet file")
                        && corrupt.getMessage().contains("magic bytes"),
                corrupt.getMessage());

        QuiverException none = assertThrows(
                QuiverException.class, () -> source("none-*.parquet").schema());
        assertTrue(none.getMessage().contains("no Parquet file matches 'none-*.parquet'"), none.getMessage());
    }

    @Test
    void filesWithDifferentColumnsAreRefusedNamingBoth() {
        DuckDb.write(dir.resolve("p1.parquet"), "SELECT 1::BIGINT AS id", 10);
        DuckDb.write(dir.resolve("p2.parquet"), "SELECT 'x' AS id", 10);
        QuiverException e =
                assertThrows(QuiverException.class, () -> source("p*.parquet").schema());
        assertTrue(
                e.getMessage().contains("p2.parquet")
                        && e.getMessage().contains("p1.parquet")
                        && e.getMessage().contains("same columns"),
                e.getMessage());
    }

    @Test
    void batchesTransferredAwayOutliveTheReader(BufferAllocator allocator) {
        // The runtime keeps a split's batches after the reader is closed: they must not point into the native
        // memory the reader's close frees (releasing them then crashed the JVM).
        DuckDb.write(dir.resolve("typed.parquet"), TYPED, 4);
        List<VectorSchemaRoot> kept = new ArrayList<>();
        try (BatchReader reader = source("typed.parquet").open(allocator)) {
            while (reader.loadNextBatch()) {
                List<FieldVector> taken = new ArrayList<>();
                for (FieldVector v : reader.root().getFieldVectors()) {
                    TransferPair pair = v.getTransferPair(allocator);
                    pair.transfer();
                    taken.add((FieldVector) pair.getTo());
                }
                VectorSchemaRoot copy = new VectorSchemaRoot(taken);
                copy.setRowCount(reader.root().getRowCount());
                kept.add(copy);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        kept.forEach(root -> rows.addAll(SourceConformance.cells(root)));
        kept.forEach(VectorSchemaRoot::close);
        assertEquals(10, rows.size());
        assertEquals(Arrays.asList(9, 9L, 4.5f, 2.25, false, "c0", 9L), rows.get(9));
    }

    @Test
    void aLargeFileIsStreamedOneBatchAtATime(BufferAllocator allocator) {
        // 400k rows x 3 float64 columns are ~9.6 MB decoded; batches of 1000 rows are 24 kB.
        DuckDb.write(
                dir.resolve("big.parquet"),
                "SELECT i::DOUBLE AS a, (i * 2)::DOUBLE AS b, (i % 7)::DOUBLE AS c " + "FROM range(400000) t(i)",
                50_000);
        // A cap of its own (63 MiB), so that the budget's peak is this test's.
        ParquetSource source =
                new ParquetSource(new FileSet("big.parquet", dir.resolve("big.parquet")), 1000, 63L << 20, null);
        long rows = 0;
        double sum = 0;
        try (BufferAllocator child = allocator.newChildAllocator("scan", 0, Long.MAX_VALUE);
                ScanBatchReader reader = (ScanBatchReader) source.open(child)) {
            while (reader.loadNextBatch()) {
                rows += reader.root().getRowCount();
                assertTrue(reader.root().getRowCount() <= 1000);
                sum += ((org.apache.arrow.vector.Float8Vector) reader.root().getVector("c")).get(0);
            }
            assertTrue(
                    child.getPeakMemoryAllocation() < 1 << 20,
                    "Java-side peak " + child.getPeakMemoryAllocation() + " bytes: more than a few batches were held");
            assertTrue(
                    reader.nativePeak() > 0 && reader.nativePeak() < 32 << 20,
                    "native peak " + reader.nativePeak() + " bytes for a 9.6 MB table");
        }
        assertEquals(400_000, rows);
        assertTrue(sum > 0);
    }

    @Test
    void aReaderThatNeedsMoreNativeMemoryThanItsCapFailsNamingTheOption(BufferAllocator allocator) {
        DuckDb.write(
                dir.resolve("wide.parquet"),
                "SELECT i::DOUBLE AS a, (i * 2)::DOUBLE AS b FROM range(200000) " + "t(i)",
                200_000);
        ParquetSource source =
                new ParquetSource(new FileSet("wide.parquet", dir.resolve("wide.parquet")), 100_000, 256L << 10, null);
        QuiverException e = assertThrows(QuiverException.class, () -> SourceConformance.readAll(source, allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("nativeMemory") && e.getMessage().contains("wide.parquet"), e.getMessage());
    }
}
