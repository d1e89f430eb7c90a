package dev.quiver.engine.conformance;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.models.LogisticRegressionFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.ClassifierConformance;

/** The shared classifier contract on all of iris (three species): one-vs-rest with the model's defaults. */
class LogisticRegressionMulticlassConformanceTest extends ClassifierConformance {

    @Override
    protected ModelFactory factory() {
        return new LogisticRegressionFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("multiclass", "ovr");
    }
}
