package dev.quiver.plugins.io.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.api.data.Source;
import dev.quiver.testing.Batches;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose IPC lengths lie about their size: each is refused before Arrow allocates by them. Every read runs
 * under a 64 KiB allocator, so a reader that trusted a length would fail with Arrow's out-of-memory error (or
 * the Java heap's), not with the data error asserted here.
 */
@ExtendWith(LeakCheckExtension.class)
class ArrowHostileFileTest {

    private static final long SMALL = 64 * 1024;

    @TempDir
    Path dir;

    private QuiverException refused(String name, String format, BufferAllocator allocator) {
        MapConfig config = new MapConfig("source", Map.of("path", name, "format", format));
        Source source = new ArrowSourceFactory().create(config, new TestContext(dir, 1L));
        config.assertNoProblems();
        try (BufferAllocator small = allocator.newChildAllocator("hostile", 0, SMALL)) {
            QuiverException e =
                    assertThrows(QuiverException.class, () -> source.open(small).close());
            assertEquals(ErrorCode.DATA, e.code(), e.getMessage());
            assertTrue(e.getMessage().startsWith(dir.resolve(name) + ": not a readable Arrow IPC "), e.getMessage());
            return e;
        }
    }

    @Test
    void aTextFileNamedArrowIsRefusedByItsFirstLength(BufferAllocator allocator) throws IOException {
        Files.write(dir.resolve("t.arrow"), "name,price\nwidget,12.5\ngadget,7.25\n".getBytes(StandardCharsets.UTF_8));
        QuiverException e = refused("t.arrow", "auto", allocator);
        assertTrue(
                e.getMessage().contains("message 1 declares 1701667182 bytes of metadata but only 31 bytes remain"),
                e.getMessage());
    }

    @Test
    void anEightByteStreamAskingForTwoGigabytesIsRefused(BufferAllocator allocator) throws IOException {
        ByteBuffer bytes =
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(Integer.MAX_VALUE);
        Files.write(dir.resolve("s.arrows"), bytes.array());
        QuiverException e = refused("s.arrows", "stream", allocator);
        assertTrue(
                e.getMessage().contains("message 1 declares 2147483647 bytes of metadata but only 0 bytes remain"),
                e.getMessage());
    }

    @Test
    void aStreamBodyLongerThanTheFileIsRefusedNamingTheMessage(BufferAllocator allocator) throws IOException {
        byte[] bytes = written("stream", allocator);
        Files.write(dir.resolve("out.arrow"), Arrays.copyOf(bytes, bytes.length - 20)); // cuts into batch 2's body
        QuiverException e = refused("out.arrow", "auto", allocator);
        assertTrue(e.getMessage().contains("message 3 (a record batch) declares a body of "), e.getMessage());
    }

    @Test
    void aFileFooterLongerThanTheFileIsRefused(BufferAllocator allocator) throws IOException {
        byte[] bytes = written("file", allocator);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 10, Integer.MAX_VALUE);
        Files.write(dir.resolve("out.arrow"), bytes);
        QuiverException e = refused("out.arrow", "auto", allocator);
        assertTrue(e.getMessage().contains("the footer declares 2147483647 bytes"), e.getMessage());
    }

    @Test
    void aFileWhoseBatchesLieBeyondTheFooterIsRefused(BufferAllocator allocator) throws IOException {
        byte[] bytes = written("file", allocator);
        int footerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 10);
        int tail = footerLength + 10;
        // The magic and the footer survive; everything the footer's blocks point at is gone.
        byte[] gutted = new byte[8 + tail];
        System.arraycopy(bytes, 0, gutted, 0, 8);
        System.arraycopy(bytes, bytes.length - tail, gutted, 8, tail);
        Files.write(dir.resolve("out.arrow"), gutted);
        QuiverException e = refused("out.arrow", "file", allocator);
        assertTrue(e.getMessage().contains("record batch 1 declares "), e.getMessage());
        assertTrue(e.getMessage().contains("beyond the 8 bytes before the footer"), e.getMessage());
    }

    @Test
    void aValidFileStillReadsUnderTheSameSmallLimit(BufferAllocator allocator) throws IOException {
        for (String format : new String[] {"file", "stream"}) {
            Files.write(dir.resolve("ok.arrow"), written(format, allocator));
            MapConfig config = new MapConfig("source", Map.of("path", "ok.arrow"));
            Source source = new ArrowSourceFactory().create(config, new TestContext(dir, 1L));
            try (BufferAllocator small = allocator.newChildAllocator("valid", 0, SMALL);
                    var reader = source.open(small)) {
                int rows = 0;
                while (reader.loadNextBatch()) {
                    rows += reader.root().getRowCount();
                }
                assertEquals(6, rows, format);
            }
        }
    }

    /** Two batches of three rows, as the arrow sink writes them. */
    private byte[] written(String format, BufferAllocator allocator) throws IOException {
        MapConfig config = new MapConfig("sink", Map.of("path", "written.arrow", "format", format));
        try (VectorSchemaRoot batch =
                        Batches.with(allocator).longs("n", 1L, 2L, 3L).build();
                SinkWriter writer = new ArrowSinkFactory()
                        .create(config, new TestContext(dir, 1L))
                        .open(batch.getSchema(), allocator)) {
            writer.write(batch);
            writer.write(batch);
            writer.commit();
        }
        return Files.readAllBytes(dir.resolve("written.arrow"));
    }
}
