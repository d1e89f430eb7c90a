package dev.quiver.plugins.io.arrow;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.api.data.Source;
import dev.quiver.testing.Batches;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The arrow source, over a file written in three batches, in both IPC formats. */
class ArrowSourceConformanceTest {

    static final List<List<Object>> ROWS = List.of(
            Arrays.asList(1L, 0.5, "a"),
            Arrays.asList(2L, null, "b"),
            Arrays.asList(3L, 3.5, null),
            Arrays.asList(4L, -1.0, "d"),
            Arrays.asList(5L, 0.0, "e"));

    /** Writes {@link #ROWS} as batches of 2, 2 and 1 rows with the arrow sink, and returns a source over it. */
    static Source writeAndOpen(Path dir, String format) {
        TestContext context = new TestContext(dir, 1L);
        MapConfig sinkConfig = new MapConfig("sink", Map.of("path", "t.arrow", "format", format));
        Sink sink = new ArrowSinkFactory().create(sinkConfig, context);
        sinkConfig.assertNoProblems();
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot b1 = Batches.with(allocator)
                        .longs("id", 1L, 2L)
                        .doubles("v", 0.5, null)
                        .strings("s", "a", "b")
                        .build();
                VectorSchemaRoot b2 = Batches.with(allocator)
                        .longs("id", 3L, 4L)
                        .doubles("v", 3.5, -1.0)
                        .strings("s", null, "d")
                        .build();
                VectorSchemaRoot b3 = Batches.with(allocator)
                        .longs("id", 5L)
                        .doubles("v", 0.0)
                        .strings("s", "e")
                        .build();
                SinkWriter writer = sink.open(b1.getSchema(), allocator)) {
            writer.write(b1);
            writer.write(b2);
            writer.write(b3);
            writer.commit();
        }
        MapConfig config = new MapConfig("source", Map.of("path", "t.arrow"));
        Source source = new ArrowSourceFactory().create(config, context);
        config.assertNoProblems();
        return source;
    }

    @Nested
    class FileFormat extends SourceConformance {
        @TempDir
        Path dir;

        @Override
        protected Source source() {
            return writeAndOpen(dir, "file");
        }

        @Override
        protected Optional<List<List<Object>>> expectedRows() {
            return Optional.of(ROWS);
        }
    }

    @Nested
    class StreamFormat extends SourceConformance {
        @TempDir
        Path dir;

        @Override
        protected Source source() {
            return writeAndOpen(dir, "stream");
        }

        @Override
        protected Optional<List<List<Object>>> expectedRows() {
            return Optional.of(ROWS);
        }
    }
}
