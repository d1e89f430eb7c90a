package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.optimizer.Sgd;
import java.util.List;

/**
 * One SGD run, following {@code torch.optim.sgd._single_tensor_sgd} operation by operation in float32 so that
 * trajectories agree with PyTorch's to rounding. Confined to the training thread.
 */
public final class SgdRun extends RunState {

    private final Sgd.Settings settings;
    /** Null without momentum: PyTorch keeps no buffer then either. */
    private final float[][] momentumBuffers;

    public SgdRun(Sgd.Settings settings, List<Parameter> parameters) {
        super(parameters, settings.lr());
        this.settings = settings;
        this.momentumBuffers = settings.momentum() != 0.0 ? buffer("momentum", 0f) : null;
    }

    @Override
    public void step() {
        float negLr = (float) -learningRate();
        float momentum = (float) settings.momentum();
        float keep = (float) (1.0 - settings.dampening());
        boolean firstStep = steps == 0;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] value = p.value();
            float[] grad = p.gradient();
            float decay = (float) decayFor(p, settings.weightDecay(), settings.decayBias());
            float[] buf = momentumBuffers == null ? null : momentumBuffers[i];
            for (int j = 0; j < value.length; j++) {
                float d = settings.maximize() ? -grad[j] : grad[j];
                if (decay != 0f) {
                    d = d + decay * value[j];
                }
                if (buf != null) {
                    // PyTorch starts the buffer as a copy of the first gradient, undampened.
                    float b = firstStep ? d : buf[j] * momentum + keep * d;
                    buf[j] = b;
                    d = settings.nesterov() ? d + momentum * b : b;
                }
                value[j] = value[j] + negLr * d;
            }
        }
        steps++;
    }
}
