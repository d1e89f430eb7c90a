package dev.quiver.engine.conformance;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.models.MlpFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.RegressorConformance;
import java.util.List;
import java.util.Map;

/** The shared regressor contract for a one-hidden-layer perceptron trained by Adam. */
class MlpRegressionConformanceTest extends RegressorConformance {

    @Override
    protected ModelFactory factory() {
        return new MlpFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("hidden", List.of(16));
    }

    @Override
    protected Map<String, Object> training() {
        return Map.of("optimizer", Map.of("type", "adam", "lr", 0.01), "epochs", 200, "batchSize", 16);
    }
}
