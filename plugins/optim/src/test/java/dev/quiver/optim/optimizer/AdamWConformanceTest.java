package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.optimizer.internal.AdamFactory;
import dev.quiver.testing.conformance.OptimizerConformance;
import java.util.Map;

class AdamWConformanceTest extends OptimizerConformance {

    @Override
    protected OptimizerFactory factory() {
        return AdamFactory.adamW();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of("lr", 0.05, "weightDecay", 0.0);
    }
}
