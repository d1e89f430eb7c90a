package dev.quiver.optim.loss;

import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.loss.internal.HuberFactory;
import dev.quiver.testing.conformance.LossConformance;

class HuberConformanceTest extends LossConformance {

    @Override
    protected LossFactory factory() {
        return new HuberFactory();
    }
}
