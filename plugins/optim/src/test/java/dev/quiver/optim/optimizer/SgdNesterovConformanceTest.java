package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.optimizer.internal.SgdFactory;
import dev.quiver.testing.conformance.OptimizerConformance;
import java.util.Map;

class SgdNesterovConformanceTest extends OptimizerConformance {

    @Override
    protected OptimizerFactory factory() {
        return new SgdFactory();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of("lr", 0.05, "momentum", 0.9, "nesterov", true);
    }
}
