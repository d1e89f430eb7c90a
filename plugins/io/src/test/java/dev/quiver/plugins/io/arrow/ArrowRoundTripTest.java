package dev.quiver.plugins.io.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheckExtension.class)
class ArrowRoundTripTest {

    @TempDir
    Path dir;

    private TestContext context() {
        return new TestContext(dir, 1L);
    }

    private Sink sink(String format) {
        MapConfig config = new MapConfig("sink", Map.of("path", "out.arrow", "format", format));
        Sink sink = new ArrowSinkFactory().create(config, context());
        config.assertNoProblems();
        return sink;
    }

    private Source source(Map<String, Object> options) {
        MapConfig config = new MapConfig("source", options);
        Source source = new ArrowSourceFactory().create(config, context());
        config.assertNoProblems();
        return source;
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void bothFormatsRoundTripEveryColumnTypeAndBatch(BufferAllocator allocator) {
        for (String format : List.of("file", "stream")) {
            List<List<Object>> written = new ArrayList<>();
            try (VectorSchemaRoot b1 = Batches.with(allocator)
                            .longs("id", 1L, null)
                            .doubles("x", Double.NaN, -0.0)
                            .floats("f", 1.5f, 2.5f)
                            .booleans("b", true, null)
                            .strings("s", "é", null)
                            .build();
                    VectorSchemaRoot b2 = Batches.with(allocator)
                            .longs("id", 3L)
                            .doubles("x", 1e300)
                            .floats("f", -1f)
                            .booleans("b", false)
                            .strings("s", "")
                            .build();
                    SinkWriter writer = sink(format).open(b1.getSchema(), allocator)) {
                written.addAll(SourceConformance.cells(b1));
                written.addAll(SourceConformance.cells(b2));
                writer.write(b1);
                writer.write(b2);
                writer.commit();
                Source source = source(Map.of("path", "out.arrow", "format", format));
                assertEquals(b1.getSchema(), source.schema(), format);
                assertEquals(written, SourceConformance.readAll(source, allocator), format);
                assertEquals(
                        written,
                        SourceConformance.readAll(source(Map.of("path", "out.arrow")), allocator),
                        format + ", auto-detected");
            }
        }
    }

    @Test
    void theFileFormatIsReadableByArrowItself(BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot batch =
                        Batches.with(allocator).doubles("x", 1.0, 2.0).build();
                SinkWriter writer = sink("file").open(batch.getSchema(), allocator)) {
            writer.write(batch);
            writer.write(batch);
            writer.commit();
        }
        try (ArrowFileReader reader = new ArrowFileReader(Files.newByteChannel(dir.resolve("out.arrow")), allocator)) {
            assertEquals(2, reader.getRecordBlocks().size());
            assertTrue(reader.loadNextBatch());
            assertEquals(2, reader.getVectorSchemaRoot().getRowCount());
        }
    }

    @Test
    void aPathEndingInArrowsIsWrittenAsAStreamUnlessTheFormatIsGiven(BufferAllocator allocator) throws IOException {
        for (Map<String, Object> options : List.<Map<String, Object>>of(
                Map.of("path", "out.arrows"), Map.of("path", "out.arrows", "format", "file"))) {
            MapConfig config = new MapConfig("sink", options);
            Sink sink = new ArrowSinkFactory().create(config, context());
            config.assertNoProblems();
            try (VectorSchemaRoot batch = Batches.with(allocator).longs("n", 1L).build();
                    SinkWriter writer = sink.open(batch.getSchema(), allocator)) {
                writer.write(batch);
                writer.commit();
            }
            IpcFormat expected = options.containsKey("format") ? IpcFormat.FILE : IpcFormat.STREAM;
            assertEquals(expected, IpcFormat.detect(dir.resolve("out.arrows")), options.toString());
        }
    }

    @Test
    void nothingIsVisibleBeforeCommitAndNothingIsLeftAfterAnAbort(BufferAllocator allocator) throws IOException {
        Path target = dir.resolve("out.arrow");
        try (VectorSchemaRoot batch = Batches.with(allocator).longs("n", 1L).build()) {
            SinkWriter writer = sink("file").open(batch.getSchema(), allocator);
            writer.write(batch);
            assertFalse(Files.exists(target));
            assertEquals(1, filesInDir().size(), "one temporary file while writing");
            writer.close();
            writer.close();
        }
        assertEquals(List.of(), filesInDir(), "an aborted write leaves nothing behind");
    }

    @Test
    void writingDoesNotTakeOwnershipOfTheCallersBatch(BufferAllocator allocator) {
        try (VectorSchemaRoot batch = Batches.with(allocator).longs("n", 1L, 2L).build()) {
            try (SinkWriter writer = sink("stream").open(batch.getSchema(), allocator)) {
                writer.write(batch);
                writer.commit();
            }
            assertEquals(2, batch.getRowCount());
            assertEquals(2L, batch.getVector("n").getObject(1), "the batch is intact after writing");
        }
    }

    @Test
    void aFileOfTheWrongFormatIsADataErrorNamingIt(BufferAllocator allocator) throws IOException {
        Files.write(dir.resolve("t.arrow"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        Source source = source(Map.of("path", "t.arrow"));
        QuiverException e = assertThrows(QuiverException.class, source::schema);
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(
                e.getMessage().startsWith(dir.resolve("t.arrow") + ": not a readable Arrow IPC stream"),
                e.getMessage());
        Source asFile = source(Map.of("path", "t.arrow", "format", "file"));
        assertEquals(
                ErrorCode.DATA,
                assertThrows(QuiverException.class, () -> asFile.open(allocator))
                        .code());
    }

    @Test
    void aTruncatedStreamIsADataErrorNamingTheMessage(BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot batch =
                        Batches.with(allocator).longs("n", 1L, 2L, 3L).build();
                SinkWriter writer = sink("stream").open(batch.getSchema(), allocator)) {
            writer.write(batch);
            writer.write(batch);
            writer.commit();
        }
        Path file = dir.resolve("out.arrow");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20)); // cuts into the second batch
        Source source = source(Map.of("path", "out.arrow"));
        QuiverException e = assertThrows(QuiverException.class, () -> SourceConformance.readAll(source, allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(
                e.getMessage().startsWith(file + ": not a readable Arrow IPC stream (message 3 (a record batch)"),
                e.getMessage());
    }

    @Test
    void aMissingFileIsADataErrorNamingThePath() {
        QuiverException e = assertThrows(QuiverException.class, () -> source(Map.of("path", "nope.arrow"))
                .schema());
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(dir.resolve("nope.arrow") + ": the file does not exist.", e.getMessage());
    }

    @Test
    void anUnknownFormatIsAConfigProblem() {
        MapConfig config = new MapConfig("source", Map.of("path", "t.arrow", "format", "feather"));
        new ArrowSourceFactory().create(config, context());
        assertEquals(1, config.problems().size());
        assertEquals("source.format", config.problems().get(0).location().keyPath());
    }
}
