package dev.quiver.plugins.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.api.data.Source;
import dev.quiver.testing.Batches;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheckExtension.class)
class CsvSinkTest {

    @TempDir
    Path dir;

    private Sink sink(Object... options) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        MapConfig config = new MapConfig("sink", map);
        Sink sink = new CsvSinkFactory().create(config, new TestContext(dir, 1L));
        config.assertNoProblems();
        return sink;
    }

    private void writeAll(Sink sink, BufferAllocator allocator, VectorSchemaRoot... batches) {
        try (SinkWriter writer = sink.open(batches[0].getSchema(), allocator)) {
            for (VectorSchemaRoot batch : batches) {
                writer.write(batch);
            }
            writer.commit();
        }
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void writesHeaderAndRowsQuotingOnlyWhatNeedsIt(BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot batch = Batches.with(allocator)
                .strings("text", "plain", "a,b", "say \"hi\"", "two\nlines", "", null, "NA")
                .longs("n", 1L, -2L, null, 4L, 5L, 6L, 7L)
                .booleans("ok", true, false, true, null, true, false, true)
                .build()) {
            writeAll(sink("path", "out.csv"), allocator, batch);
        }
        assertEquals("""
                text,n,ok
                plain,1,true
                "a,b",-2,false
                "say ""hi""\",,true
                "two
                lines",4,
                "",5,true
                ,6,false
                "NA",7,true
                """, Files.readString(dir.resolve("out.csv")));
    }

    @Test
    void writesDoublesShortestWithWholeNumbersInFull(BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot batch = Batches.with(allocator)
                .doubles("x", 3.0, 12345678.0, 0.1, 1e-5, 1e20, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 2.5e-3)
                .build()) {
            writeAll(sink("path", "out.csv", "header", false), allocator, batch);
        }
        assertEquals(
                List.of("3.0", "12345678.0", "0.1", "1.0E-5", "1.0E20", "-0.0", "NaN", "-Infinity", "0.0025"),
                Files.readAllLines(dir.resolve("out.csv")));
    }

    @Test
    void roundTripsThroughTheCsvSource(BufferAllocator allocator) {
        List<List<Object>> written = new ArrayList<>();
        try (VectorSchemaRoot b1 = Batches.with(allocator)
                        .longs("id", 1L, 2L, 3L)
                        .doubles("x", 0.1, null, 1e300)
                        .booleans("flag", true, null, false)
                        .strings("note", "semi;colon", "quote \" and, comma", "")
                        .build();
                VectorSchemaRoot b2 = Batches.with(allocator)
                        .longs("id", Long.MIN_VALUE, Long.MAX_VALUE)
                        .doubles("x", -0.0, 4.9e-324)
                        .booleans("flag", false, true)
                        .strings("note", "multi\r\nline", null)
                        .build()) {
            written.addAll(SourceConformance.cells(b1));
            written.addAll(SourceConformance.cells(b2));
            writeAll(sink("path", "sub/dir/out.tsv", "delimiter", "\t"), allocator, b1, b2);
            MapConfig config = new MapConfig("source", Map.of("path", "sub/dir/out.tsv", "delimiter", "\t"));
            Source source = new CsvSourceFactory().create(config, new TestContext(dir, 1L));
            assertEquals(b1.getSchema(), source.schema());
            assertEquals(written, SourceConformance.readAll(source, allocator));
        }
    }

    @Test
    void aNullInAOneColumnTableIsNotABlankLineThatReadsBackAsNoRow(BufferAllocator allocator) throws IOException {
        for (boolean text : new boolean[] {false, true}) {
            Batches batches = Batches.with(allocator);
            try (VectorSchemaRoot batch = (text
                            ? batches.strings("s", "a", null, "", "NA")
                            : batches.doubles("x", 1.5, null, 2.5, null))
                    .build()) {
                writeAll(sink("path", "one.csv"), allocator, batch);
                Source source = new CsvSourceFactory()
                        .create(new MapConfig("source", Map.of("path", "one.csv")), new TestContext(dir, 1L));
                assertEquals(
                        SourceConformance.cells(batch),
                        SourceConformance.readAll(source, allocator),
                        Files.readString(dir.resolve("one.csv")));
            }
        }
    }

    @Test
    void nothingIsVisibleBeforeCommitAndTheFileAppearsWhole(BufferAllocator allocator) throws IOException {
        Path target = dir.resolve("out.csv");
        try (VectorSchemaRoot batch = Batches.with(allocator).longs("n", 1L, 2L).build();
                SinkWriter writer = sink("path", "out.csv").open(batch.getSchema(), allocator)) {
            writer.write(batch);
            assertFalse(Files.exists(target), "the target must not exist before commit");
            List<Path> pending = filesInDir();
            assertEquals(1, pending.size(), "one temporary file while writing: " + pending);
            assertTrue(pending.get(0).getFileName().toString().startsWith(".out.csv."), pending.toString());
            writer.commit();
        }
        assertEquals("n\n1\n2\n", Files.readString(target));
        assertEquals(List.of(target), filesInDir(), "no temporary file may be left after commit");
    }

    @Test
    void theOutputGetsTheUsualPermissionsOfANewFile(BufferAllocator allocator) throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        try (VectorSchemaRoot batch = Batches.with(allocator).longs("n", 1L).build()) {
            writeAll(sink("path", "out.csv"), allocator, batch);
        }
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(dir.resolve("out.csv")));
    }

    @Test
    void closeWithoutCommitLeavesNothingAndKeepsAnOldFile(BufferAllocator allocator) throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old\n");
        try (VectorSchemaRoot batch = Batches.with(allocator).longs("n", 1L).build()) {
            SinkWriter writer = sink("path", "out.csv").open(batch.getSchema(), allocator);
            writer.write(batch);
            writer.close();
            writer.close();
        }
        assertEquals(List.of(target), filesInDir(), "the temporary file must be deleted");
        assertEquals("old\n", Files.readString(target, StandardCharsets.UTF_8));
    }

    @Test
    void commitReplacesAnOldFile(BufferAllocator allocator) throws IOException {
        Files.writeString(dir.resolve("out.csv"), "old\n");
        try (VectorSchemaRoot batch =
                Batches.with(allocator).strings("s", "new").build()) {
            writeAll(sink("path", "out.csv"), allocator, batch);
        }
        assertEquals("s\nnew\n", Files.readString(dir.resolve("out.csv")));
    }

    @Test
    void aBatchOfAnotherSchemaIsRejected(BufferAllocator allocator) {
        try (VectorSchemaRoot a = Batches.with(allocator).longs("n", 1L).build();
                VectorSchemaRoot b = Batches.with(allocator).doubles("n", 1.0).build();
                SinkWriter writer = sink("path", "out.csv").open(a.getSchema(), allocator)) {
            assertThrows(IllegalArgumentException.class, () -> writer.write(b));
        }
    }

    @Test
    void aWriteAfterCloseIsAMisuseNotAnIoFailure(BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot a = Batches.with(allocator).longs("n", 1L).build()) {
            SinkWriter writer = sink("path", "out.csv").open(a.getSchema(), allocator);
            writer.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.write(a));
            assertTrue(e.getMessage().startsWith("write after close of "), e.getMessage());
        }
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void aQuoteDelimiterIsAConfigProblem() {
        MapConfig config = new MapConfig("sink", Map.of("path", "out.csv", "delimiter", "\""));
        new CsvSinkFactory().create(config, new TestContext(dir, 1L));
        assertEquals(1, config.problems().size());
        assertEquals("sink.delimiter", config.problems().get(0).location().keyPath());
    }
}
