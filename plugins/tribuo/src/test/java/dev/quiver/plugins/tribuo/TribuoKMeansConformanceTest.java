package dev.quiver.plugins.tribuo;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.ClustererConformance;
import java.util.Map;

/** The shared clusterer contract for Tribuo's k-means through the adapter. */
class TribuoKMeansConformanceTest extends ClustererConformance {

    @Override
    protected ModelFactory factory() {
        return new TribuoModelFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("trainer", "kmeans", "task", "clustering", "options", Map.of("centroids", 3));
    }
}
