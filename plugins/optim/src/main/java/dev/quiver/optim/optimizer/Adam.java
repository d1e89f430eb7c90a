package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.optimizer.internal.AdamRun;
import dev.quiver.optim.optimizer.internal.Require;
import java.util.List;

/**
 * Adam and AdamW: the update rules and defaults of {@code torch.optim.Adam} (weight decay as an L2 term in the
 * gradient) and {@code torch.optim.AdamW} (decoupled weight decay, default 0.01), optionally AMSGrad. Immutable
 * and thread-safe; each {@link #start} returns independent state.
 */
public record Adam(Settings settings) implements Optimizer {

    /**
     * The hyper-parameters, checked as PyTorch's constructors check them.
     *
     * @param lr learning rate, >= 0
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param eps added to the denominator, >= 0
     * @param weightDecay weight decay, >= 0
     * @param decoupled AdamW: decay the weights directly ({@code p *= 1 - lr * wd}) instead of adding L2 to the
     *     gradient
     * @param amsgrad use the maximum of past second moments (AMSGrad)
     * @param maximize ascend instead of descend
     * @param decayBias whether weight decay applies to bias parameters too (PyTorch: yes)
     */
    public record Settings(
            double lr,
            double beta1,
            double beta2,
            double eps,
            double weightDecay,
            boolean decoupled,
            boolean amsgrad,
            boolean maximize,
            boolean decayBias) {

        public Settings {
            Require.nonNegative("lr", lr);
            Require.unitInterval("betas[0]", beta1);
            Require.unitInterval("betas[1]", beta2);
            Require.nonNegative("eps", eps);
            Require.nonNegative("weightDecay", weightDecay);
        }

        /** {@code torch.optim.Adam}'s defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public static Settings adam() {
            return new Settings(1e-3, 0.9, 0.999, 1e-8, 0.0, false, false, false, true);
        }

        /** {@code torch.optim.AdamW}'s defaults: as Adam, with decoupled weight decay 0.01. */
        public static Settings adamW() {
            return new Settings(1e-3, 0.9, 0.999, 1e-8, 0.01, true, false, false, true);
        }

        public Settings withLr(double value) {
            return new Settings(value, beta1, beta2, eps, weightDecay, decoupled, amsgrad, maximize, decayBias);
        }

        public Settings withWeightDecay(double value) {
            return new Settings(lr, beta1, beta2, eps, value, decoupled, amsgrad, maximize, decayBias);
        }
    }

    /** Adam with PyTorch's defaults. */
    public static Adam defaults() {
        return new Adam(Settings.adam());
    }

    /** AdamW with PyTorch's defaults. */
    public static Adam adamW() {
        return new Adam(Settings.adamW());
    }

    @Override
    public double learningRate() {
        return settings.lr();
    }

    @Override
    public OptimizerRun start(List<Parameter> parameters) {
        return new AdamRun(settings, parameters);
    }

    @Override
    public String toString() {
        return (settings.decoupled() ? "adamw" : "adam") + settings;
    }
}
