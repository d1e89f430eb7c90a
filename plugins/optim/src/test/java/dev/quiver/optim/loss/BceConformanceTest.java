package dev.quiver.optim.loss;

import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.loss.internal.BceFactory;
import dev.quiver.testing.conformance.LossConformance;

class BceConformanceTest extends LossConformance {

    @Override
    protected LossFactory factory() {
        return new BceFactory();
    }
}
