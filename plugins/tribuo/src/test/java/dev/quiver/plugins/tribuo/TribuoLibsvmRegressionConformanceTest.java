package dev.quiver.plugins.tribuo;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.RegressorConformance;

/** The shared regressor contract for Tribuo's libsvm regression trainer through the adapter. */
class TribuoLibsvmRegressionConformanceTest extends RegressorConformance {

    @Override
    protected ModelFactory factory() {
        return new TribuoModelFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("trainer", "libsvm");
    }
}
