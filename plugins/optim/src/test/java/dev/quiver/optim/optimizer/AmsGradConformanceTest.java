package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.optimizer.internal.AdamFactory;
import dev.quiver.testing.conformance.OptimizerConformance;
import java.util.Map;

class AmsGradConformanceTest extends OptimizerConformance {

    @Override
    protected OptimizerFactory factory() {
        return AdamFactory.adam();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of("lr", 0.05, "amsgrad", true);
    }
}
