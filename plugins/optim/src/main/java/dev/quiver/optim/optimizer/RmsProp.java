package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.optimizer.internal.Require;
import dev.quiver.optim.optimizer.internal.RmsPropRun;
import java.util.List;

/**
 * RMSprop, optionally centered and with momentum: the update rule and defaults of {@code torch.optim.RMSprop}.
 * Immutable and thread-safe; each {@link #start} returns independent state.
 */
public record RmsProp(Settings settings) implements Optimizer {

    /**
     * The hyper-parameters, checked as PyTorch's constructor checks them.
     *
     * @param lr learning rate, >= 0
     * @param alpha smoothing constant of the squared-gradient average, >= 0
     * @param eps added to the denominator, >= 0
     * @param weightDecay L2 penalty added to the gradient, >= 0
     * @param momentum momentum factor, >= 0
     * @param centered normalise by the estimated variance of the gradient instead of its second moment
     * @param maximize ascend instead of descend
     * @param decayBias whether weight decay applies to bias parameters too (PyTorch: yes)
     */
    public record Settings(
            double lr,
            double alpha,
            double eps,
            double weightDecay,
            double momentum,
            boolean centered,
            boolean maximize,
            boolean decayBias) {

        public Settings {
            Require.nonNegative("lr", lr);
            Require.nonNegative("alpha", alpha);
            Require.nonNegative("eps", eps);
            Require.nonNegative("weightDecay", weightDecay);
            Require.nonNegative("momentum", momentum);
        }

        /** PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no momentum, not centered. */
        public static Settings defaults() {
            return new Settings(1e-2, 0.99, 1e-8, 0.0, 0.0, false, false, true);
        }

        public Settings withLr(double value) {
            return new Settings(value, alpha, eps, weightDecay, momentum, centered, maximize, decayBias);
        }
    }

    /** RMSprop with PyTorch's defaults. */
    public static RmsProp defaults() {
        return new RmsProp(Settings.defaults());
    }

    @Override
    public double learningRate() {
        return settings.lr();
    }

    @Override
    public OptimizerRun start(List<Parameter> parameters) {
        return new RmsPropRun(settings, parameters);
    }

    @Override
    public String toString() {
        return "rmsprop" + settings;
    }
}
