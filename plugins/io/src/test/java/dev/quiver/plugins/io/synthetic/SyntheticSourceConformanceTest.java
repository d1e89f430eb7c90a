package dev.quiver.plugins.io.synthetic;

import dev.quiver.api.data.Source;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.util.Map;

class SyntheticSourceConformanceTest extends SourceConformance {

    @Override
    protected Source source() {
        MapConfig config =
                new MapConfig("source", Map.of("rows", 23L, "features", 3, "task", "multiclass", "batchSize", 5));
        Source source = new SyntheticSourceFactory().create(config, new TestContext());
        config.assertNoProblems();
        return source;
    }
}
