package dev.quiver.engine.conformance;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.models.LinearRegressionFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.RegressorConformance;
import java.util.Map;

/** The shared regressor contract for linear regression by mini-batch gradient descent. */
class LinearRegressionGdConformanceTest extends RegressorConformance {

    @Override
    protected ModelFactory factory() {
        return new LinearRegressionFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("solver", "gd");
    }

    @Override
    protected Map<String, Object> training() {
        return Map.of("optimizer", Map.of("type", "sgd", "lr", 0.1), "epochs", 100, "batchSize", 16);
    }
}
