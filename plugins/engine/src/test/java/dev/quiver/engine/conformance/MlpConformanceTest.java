package dev.quiver.engine.conformance;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.models.MlpFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.ClassifierConformance;

/** The shared classifier contract, on iris with the model's defaults. */
class MlpConformanceTest extends ClassifierConformance {

    @Override
    protected ModelFactory factory() {
        return new MlpFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("hidden", java.util.List.of(16));
    }
}
