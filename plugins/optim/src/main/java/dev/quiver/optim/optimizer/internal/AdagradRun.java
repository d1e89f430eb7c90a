package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.optimizer.Adagrad;
import java.util.List;

/**
 * One Adagrad run, following {@code torch.optim.adagrad._single_tensor_adagrad} operation by operation in
 * float32. Confined to the training thread.
 */
public final class AdagradRun extends RunState {

    private final Adagrad.Settings settings;
    private final float[][] sums;

    public AdagradRun(Adagrad.Settings settings, List<Parameter> parameters) {
        super(parameters, settings.lr());
        this.settings = settings;
        this.sums = buffer("sum", (float) settings.initialAccumulatorValue());
    }

    @Override
    public void step() {
        steps++;
        double decayedLr = learningRate() / (1.0 + (steps - 1) * settings.lrDecay());
        float negLr = (float) -decayedLr;
        float eps = (float) settings.eps();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] value = p.value();
            float[] grad = p.gradient();
            float decay = (float) decayFor(p, settings.weightDecay(), settings.decayBias());
            float[] sum = sums[i];
            for (int j = 0; j < value.length; j++) {
                float g = settings.maximize() ? -grad[j] : grad[j];
                if (decay != 0f) {
                    g = g + decay * value[j];
                }
                sum[j] = sum[j] + g * g;
                float std = (float) Math.sqrt(sum[j]) + eps;
                value[j] = value[j] + negLr * g / std;
            }
        }
    }
}
