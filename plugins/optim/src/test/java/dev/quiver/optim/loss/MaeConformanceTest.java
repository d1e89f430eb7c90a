package dev.quiver.optim.loss;

import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.loss.internal.MaeFactory;
import dev.quiver.testing.conformance.LossConformance;

class MaeConformanceTest extends LossConformance {

    @Override
    protected LossFactory factory() {
        return new MaeFactory();
    }
}
