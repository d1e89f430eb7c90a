package dev.quiver.plugins.io.arrow;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.Source;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SinkConformance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The arrow sink in both IPC formats, read back by the arrow source. */
class ArrowSinkConformanceTest {

    static Sink sink(Path file, String format) {
        MapConfig config = new MapConfig("sink", Map.of("path", file.toString(), "format", format));
        Sink sink = new ArrowSinkFactory().create(config, new TestContext());
        config.assertNoProblems();
        return sink;
    }

    static Source readBack(Path file) {
        return new ArrowSourceFactory()
                .create(new MapConfig("source", Map.of("path", file.toString())), new TestContext());
    }

    @Nested
    class FileFormat extends SinkConformance {
        @Override
        protected String fileName() {
            return "out.arrow";
        }

        @Override
        protected Sink sink(Path file) {
            return ArrowSinkConformanceTest.sink(file, "file");
        }

        @Override
        protected Source readBack(Path file) {
            return ArrowSinkConformanceTest.readBack(file);
        }
    }

    @Nested
    class StreamFormat extends SinkConformance {
        @Override
        protected String fileName() {
            return "out.arrows";
        }

        @Override
        protected Sink sink(Path file) {
            return ArrowSinkConformanceTest.sink(file, "stream");
        }

        @Override
        protected Source readBack(Path file) {
            return ArrowSinkConformanceTest.readBack(file);
        }
    }
}
