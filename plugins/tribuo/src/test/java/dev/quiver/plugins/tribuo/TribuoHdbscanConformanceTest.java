package dev.quiver.plugins.tribuo;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.ClustererConformance;

/** The shared clusterer contract for Tribuo's HDBSCAN* through the adapter. */
class TribuoHdbscanConformanceTest extends ClustererConformance {

    @Override
    protected ModelFactory factory() {
        return new TribuoModelFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("trainer", "hdbscan", "task", "clustering");
    }
}
