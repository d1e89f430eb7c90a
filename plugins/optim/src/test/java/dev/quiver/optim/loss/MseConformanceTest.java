package dev.quiver.optim.loss;

import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.loss.internal.MseFactory;
import dev.quiver.testing.conformance.LossConformance;

class MseConformanceTest extends LossConformance {

    @Override
    protected LossFactory factory() {
        return new MseFactory();
    }
}
