package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.optimizer.internal.Require;
import dev.quiver.optim.optimizer.internal.SgdRun;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay: the
 * update rule and defaults of {@code torch.optim.SGD} (2.x, whose default learning rate is 1e-3). Immutable
 * and thread-safe; each {@link #start} returns independent state.
 */
public record Sgd(Settings settings) implements Optimizer {

    /**
     * The hyper-parameters, checked as PyTorch's constructor checks them.
     *
     * @param lr learning rate, >= 0
     * @param momentum momentum factor, >= 0
     * @param dampening dampening of momentum
     * @param nesterov Nesterov momentum; needs {@code momentum > 0} and {@code dampening == 0}
     * @param weightDecay L2 penalty added to the gradient, >= 0
     * @param maximize ascend instead of descend
     * @param decayBias whether weight decay applies to bias parameters too (PyTorch: yes)
     */
    public record Settings(
            double lr,
            double momentum,
            double dampening,
            boolean nesterov,
            double weightDecay,
            boolean maximize,
            boolean decayBias) {

        public Settings {
            Require.nonNegative("lr", lr);
            Require.nonNegative("momentum", momentum);
            Require.nonNegative("weightDecay", weightDecay);
            if (nesterov && (momentum <= 0.0 || dampening != 0.0)) {
                throw new IllegalArgumentException("nesterov momentum requires momentum > 0 and dampening = 0");
            }
        }

        /** PyTorch's defaults: lr 1e-3, no momentum, no weight decay. */
        public static Settings defaults() {
            return new Settings(1e-3, 0.0, 0.0, false, 0.0, false, true);
        }

        public Settings withLr(double value) {
            return new Settings(value, momentum, dampening, nesterov, weightDecay, maximize, decayBias);
        }

        public Settings withMomentum(double value) {
            return new Settings(lr, value, dampening, nesterov, weightDecay, maximize, decayBias);
        }

        public Settings withWeightDecay(double value) {
            return new Settings(lr, momentum, dampening, nesterov, value, maximize, decayBias);
        }
    }

    /** SGD with PyTorch's defaults. */
    public static Sgd defaults() {
        return new Sgd(Settings.defaults());
    }

    @Override
    public double learningRate() {
        return settings.lr();
    }

    @Override
    public OptimizerRun start(List<Parameter> parameters) {
        return new SgdRun(settings, parameters);
    }

    @Override
    public String toString() {
        return "sgd" + settings;
    }
}
