package dev.quiver.engine.conformance;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.models.SoftmaxRegressionFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.ClassifierConformance;

/** The shared classifier contract, on iris with the model's defaults. */
class SoftmaxRegressionConformanceTest extends ClassifierConformance {

    @Override
    protected ModelFactory factory() {
        return new SoftmaxRegressionFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of();
    }
}
