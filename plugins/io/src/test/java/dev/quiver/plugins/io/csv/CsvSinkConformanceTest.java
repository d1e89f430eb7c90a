package dev.quiver.plugins.io.csv;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.Source;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SinkConformance;
import java.nio.file.Path;
import java.util.Map;

class CsvSinkConformanceTest extends SinkConformance {

    @Override
    protected String fileName() {
        return "out.csv";
    }

    @Override
    protected Sink sink(Path file) {
        MapConfig config = new MapConfig("sink", Map.of("path", file.toString()));
        Sink sink = new CsvSinkFactory().create(config, new TestContext());
        config.assertNoProblems();
        return sink;
    }

    @Override
    protected Source readBack(Path file) {
        return new CsvSourceFactory()
                .create(new MapConfig("source", Map.of("path", file.toString())), new TestContext());
    }
}
