package dev.quiver.engine.conformance;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.models.LinearRegressionFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.RegressorConformance;

/** The shared regressor contract for linear regression by least squares (the default solver). */
class LinearRegressionConformanceTest extends RegressorConformance {

    @Override
    protected ModelFactory factory() {
        return new LinearRegressionFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of();
    }
}
