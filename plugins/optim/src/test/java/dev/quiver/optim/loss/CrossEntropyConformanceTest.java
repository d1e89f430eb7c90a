package dev.quiver.optim.loss;

import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.loss.internal.CrossEntropyFactory;
import dev.quiver.testing.conformance.LossConformance;
import java.util.Map;

class CrossEntropyConformanceTest extends LossConformance {

    @Override
    protected LossFactory factory() {
        return new CrossEntropyFactory();
    }

    /** Label smoothing exercises the term every class's logit gets; without weights, mean still divides by rows. */
    @Override
    protected Map<String, Object> config() {
        return Map.of("labelSmoothing", 0.1);
    }
}
