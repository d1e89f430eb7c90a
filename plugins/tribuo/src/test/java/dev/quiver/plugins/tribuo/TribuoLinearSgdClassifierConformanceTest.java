package dev.quiver.plugins.tribuo;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.ClassifierConformance;

/** The shared classifier contract for Tribuo's linear-sgd classification trainer through the adapter, on iris. */
class TribuoLinearSgdClassifierConformanceTest extends ClassifierConformance {

    @Override
    protected ModelFactory factory() {
        return new TribuoModelFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("trainer", "linear-sgd");
    }
}
