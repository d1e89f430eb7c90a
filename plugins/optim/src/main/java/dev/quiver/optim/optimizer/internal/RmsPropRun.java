package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.optimizer.RmsProp;
import java.util.List;

/**
 * One RMSprop run, following {@code torch.optim.rmsprop._single_tensor_rmsprop} operation by operation in
 * float32. Confined to the training thread.
 */
public final class RmsPropRun extends RunState {

    private final RmsProp.Settings settings;
    private final float[][] squareAvg;
    /** Null unless centered. */
    private final float[][] gradAvg;
    /** Null without momentum. */
    private final float[][] momentumBuffers;

    public RmsPropRun(RmsProp.Settings settings, List<Parameter> parameters) {
        super(parameters, settings.lr());
        this.settings = settings;
        this.squareAvg = buffer("squareAvg", 0f);
        this.gradAvg = settings.centered() ? buffer("gradAvg", 0f) : null;
        this.momentumBuffers = settings.momentum() > 0.0 ? buffer("momentum", 0f) : null;
    }

    @Override
    public void step() {
        steps++;
        float negLr = (float) -learningRate();
        float alpha = (float) settings.alpha();
        float oneMinusAlpha = (float) (1.0 - settings.alpha());
        float eps = (float) settings.eps();
        float momentum = (float) settings.momentum();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] value = p.value();
            float[] grad = p.gradient();
            float decay = (float) decayFor(p, settings.weightDecay(), settings.decayBias());
            float[] sq = squareAvg[i];
            float[] ga = gradAvg == null ? null : gradAvg[i];
            float[] buf = momentumBuffers == null ? null : momentumBuffers[i];
            for (int j = 0; j < value.length; j++) {
                float g = settings.maximize() ? -grad[j] : grad[j];
                if (decay != 0f) {
                    g = g + decay * value[j];
                }
                sq[j] = sq[j] * alpha + oneMinusAlpha * g * g;
                float avg;
                if (ga != null) {
                    ga[j] = ga[j] * alpha + oneMinusAlpha * g;
                    avg = (float) Math.sqrt(sq[j] - ga[j] * ga[j]);
                } else {
                    avg = (float) Math.sqrt(sq[j]);
                }
                avg = avg + eps;
                if (buf != null) {
                    buf[j] = buf[j] * momentum + g / avg;
                    value[j] = value[j] + negLr * buf[j];
                } else {
                    value[j] = value[j] + negLr * g / avg;
                }
            }
        }
    }
}
