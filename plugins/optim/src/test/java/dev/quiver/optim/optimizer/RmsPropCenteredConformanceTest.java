package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.optimizer.internal.RmsPropFactory;
import dev.quiver.testing.conformance.OptimizerConformance;
import java.util.Map;

class RmsPropCenteredConformanceTest extends OptimizerConformance {

    @Override
    protected OptimizerFactory factory() {
        return new RmsPropFactory();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of("lr", 0.01, "centered", true, "momentum", 0.5);
    }
}
