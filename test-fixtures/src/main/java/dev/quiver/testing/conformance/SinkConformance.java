package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.api.data.Source;
import dev.quiver.testing.Batches;
import dev.quiver.testing.LeakCheckExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every file sink plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class CsvSinkConformanceTest extends SinkConformance {
 *     protected String fileName() { return "out.csv"; }
 *     protected Sink sink(Path file) { ... }
 *     protected Source readBack(Path file) { ... }
 * }
 * }</pre>
 *
 * <p>Batches of {@link #batch} (int64, float64, utf8 and bool columns, with missing cells and text that needs
 * quoting in most formats) are written to a fresh folder. The kit checks that what is written reads back
 * identically through {@link #readBack}; that nothing appears at the destination before {@code commit()} and
 * nothing is left behind by a writer closed without it; that the writer leaves the caller's batches intact
 * (ownership stays with the caller); that {@code write} after {@code commit} fails; and that {@code close()} is
 * idempotent. Every test runs under {@link LeakCheckExtension}.
 */
@ExtendWith(LeakCheckExtension.class)
public abstract class SinkConformance {

    @TempDir
    Path dir;

    /** The output file's name, with the extension the sink expects. */
    protected abstract String fileName();

    /** A sink writing {@code file}. */
    protected abstract Sink sink(Path file);

    /** A source reading {@code file} back, to check what the sink wrote. */
    protected abstract Source readBack(Path file);

    /** Batch {@code index} (0 or 1) of the table written; the caller closes it. */
    protected VectorSchemaRoot batch(BufferAllocator allocator, int index) {
        if (index == 0) {
            return Batches.with(allocator)
                    .longs("id", 1L, 2L, null)
                    .doubles("x", 0.5, null, -1e300)
                    .strings("s", "plain", "a,b \"quoted\"", null)
                    .booleans("ok", true, null, false)
                    .build();
        }
        return Batches.with(allocator)
                .longs("id", Long.MAX_VALUE, -4L)
                .doubles("x", -0.0, 3.0)
                .strings("s", "two\nlines", "")
                .booleans("ok", false, true)
                .build();
    }

    private Path file() {
        return dir.resolve(fileName());
    }

    private List<Path> filesInFolder() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void whatIsWrittenReadsBackIdentically(BufferAllocator allocator) {
        List<List<Object>> written = new ArrayList<>();
        try (VectorSchemaRoot b0 = batch(allocator, 0);
                VectorSchemaRoot b1 = batch(allocator, 1);
                SinkWriter writer = sink(file()).open(b0.getSchema(), allocator)) {
            writer.write(b0);
            writer.write(b1);
            writer.commit();
            written.addAll(SourceConformance.cells(b0));
            written.addAll(SourceConformance.cells(b1));
            Source source = readBack(file());
            assertEquals(b0.getSchema(), source.schema(), "the schema read back");
            assertEquals(written, SourceConformance.readAll(source, allocator), "the rows read back");
        }
    }

    @Test
    void nothingAppearsBeforeCommit(BufferAllocator allocator) {
        try (VectorSchemaRoot b0 = batch(allocator, 0);
                SinkWriter writer = sink(file()).open(b0.getSchema(), allocator)) {
            writer.write(b0);
            assertFalse(Files.exists(file()), "the output must not exist before commit()");
            writer.commit();
            assertTrue(Files.exists(file()), "commit() must make the output visible");
        }
    }

    @Test
    void closingWithoutCommitLeavesNothingBehind(BufferAllocator allocator) throws IOException {
        try (VectorSchemaRoot b0 = batch(allocator, 0)) {
            SinkWriter writer = sink(file()).open(b0.getSchema(), allocator);
            writer.write(b0);
            writer.close();
        }
        assertEquals(List.of(), filesInFolder(), "an uncommitted writer must leave no file, temporary or final");
    }

    @Test
    void theCallerKeepsItsBatches(BufferAllocator allocator) {
        try (VectorSchemaRoot b0 = batch(allocator, 0)) {
            List<List<Object>> before = SourceConformance.cells(b0);
            try (SinkWriter writer = sink(file()).open(b0.getSchema(), allocator)) {
                writer.write(b0);
                writer.commit();
            }
            assertEquals(before, SourceConformance.cells(b0), "the batch must be intact after writing");
        }
    }

    @Test
    void writeAfterCommitFailsAndCloseIsIdempotent(BufferAllocator allocator) {
        try (VectorSchemaRoot b0 = batch(allocator, 0)) {
            SinkWriter writer = sink(file()).open(b0.getSchema(), allocator);
            writer.write(b0);
            writer.commit();
            assertThrows(IllegalStateException.class, () -> writer.write(b0), "write after commit");
            writer.close();
            writer.close();
        }
        assertTrue(Files.exists(file()), "closing after commit keeps the output");
    }
}
