package dev.quiver.plugins.bayes;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.ClassifierConformance;

class GaussianConformanceTest extends ClassifierConformance {

    @Override
    protected ModelFactory factory() {
        return new NaiveBayesFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("kind", "gaussian");
    }
}
