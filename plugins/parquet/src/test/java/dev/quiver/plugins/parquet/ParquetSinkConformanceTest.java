package dev.quiver.plugins.parquet;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.Source;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SinkConformance;
import java.nio.file.Path;
import java.util.Map;

/** The parquet sink, read back by the parquet source. */
class ParquetSinkConformanceTest extends SinkConformance {

    @Override
    protected String fileName() {
        return "out.parquet";
    }

    @Override
    protected Sink sink(Path file) {
        MapConfig config = new MapConfig("sink", Map.of("path", file.toString()));
        Sink sink = new ParquetSinkFactory().create(config, new TestContext());
        config.assertNoProblems();
        return sink;
    }

    @Override
    protected Source readBack(Path file) {
        return new ParquetSourceFactory()
                .create(new MapConfig("source", Map.of("path", file.toString())), new TestContext());
    }
}
