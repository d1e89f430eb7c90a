package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.optimizer.internal.AdagradRun;
import dev.quiver.optim.optimizer.internal.Require;
import java.util.List;

/**
 * Adagrad with optional learning-rate decay: the update rule and defaults of {@code torch.optim.Adagrad}.
 * Immutable and thread-safe; each {@link #start} returns independent state.
 */
public record Adagrad(Settings settings) implements Optimizer {

    /**
     * The hyper-parameters, checked as PyTorch's constructor checks them.
     *
     * @param lr learning rate, >= 0
     * @param lrDecay the step {@code t} uses {@code lr / (1 + (t - 1) * lrDecay)}, >= 0
     * @param weightDecay L2 penalty added to the gradient, >= 0
     * @param initialAccumulatorValue starting value of the squared-gradient sums, >= 0
     * @param eps added to the denominator, >= 0
     * @param maximize ascend instead of descend
     * @param decayBias whether weight decay applies to bias parameters too (PyTorch: yes)
     */
    public record Settings(
            double lr,
            double lrDecay,
            double weightDecay,
            double initialAccumulatorValue,
            double eps,
            boolean maximize,
            boolean decayBias) {

        public Settings {
            Require.nonNegative("lr", lr);
            Require.nonNegative("lrDecay", lrDecay);
            Require.nonNegative("weightDecay", weightDecay);
            Require.nonNegative("initialAccumulatorValue", initialAccumulatorValue);
            Require.nonNegative("eps", eps);
        }

        /** PyTorch's defaults: lr 1e-2, no decay, accumulators start at 0, eps 1e-10. */
        public static Settings defaults() {
            return new Settings(1e-2, 0.0, 0.0, 0.0, 1e-10, false, true);
        }

        public Settings withLr(double value) {
            return new Settings(value, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize, decayBias);
        }
    }

    /** Adagrad with PyTorch's defaults. */
    public static Adagrad defaults() {
        return new Adagrad(Settings.defaults());
    }

    @Override
    public double learningRate() {
        return settings.lr();
    }

    @Override
    public OptimizerRun start(List<Parameter> parameters) {
        return new AdagradRun(settings, parameters);
    }

    @Override
    public String toString() {
        return "adagrad" + settings;
    }
}
