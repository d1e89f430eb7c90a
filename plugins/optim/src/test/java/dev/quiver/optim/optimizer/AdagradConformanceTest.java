package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.optimizer.internal.AdagradFactory;
import dev.quiver.testing.conformance.OptimizerConformance;
import java.util.Map;

class AdagradConformanceTest extends OptimizerConformance {

    @Override
    protected OptimizerFactory factory() {
        return new AdagradFactory();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of("lr", 0.5);
    }
}
