package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.optimizer.Adam;
import java.util.List;

/**
 * One Adam or AdamW run, following {@code torch.optim.adam._single_tensor_adam} (and AdamW's) operation by
 * operation in float32; bias corrections are computed in double, as PyTorch computes them in Python floats.
 * Confined to the training thread.
 */
public final class AdamRun extends RunState {

    private final Adam.Settings settings;
    private final float[][] expAvg;
    private final float[][] expAvgSq;
    /** Null unless AMSGrad. */
    private final float[][] maxExpAvgSq;

    public AdamRun(Adam.Settings settings, List<Parameter> parameters) {
        super(parameters, settings.lr());
        this.settings = settings;
        this.expAvg = buffer("expAvg", 0f);
        this.expAvgSq = buffer("expAvgSq", 0f);
        this.maxExpAvgSq = settings.amsgrad() ? buffer("maxExpAvgSq", 0f) : null;
    }

    @Override
    public void step() {
        steps++;
        double lr = learningRate();
        double biasCorrection1 = 1.0 - Math.pow(settings.beta1(), (double) steps);
        double biasCorrection2 = 1.0 - Math.pow(settings.beta2(), (double) steps);
        float negStepSize = (float) -(lr / biasCorrection1);
        float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
        float beta1 = (float) settings.beta1();
        float oneMinusBeta1 = (float) (1.0 - settings.beta1());
        float beta2 = (float) settings.beta2();
        float oneMinusBeta2 = (float) (1.0 - settings.beta2());
        float eps = (float) settings.eps();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] value = p.value();
            float[] grad = p.gradient();
            double weightDecay = decayFor(p, settings.weightDecay(), settings.decayBias());
            float l2 = settings.decoupled() ? 0f : (float) weightDecay;
            float shrink = (float) (1.0 - lr * weightDecay);
            boolean decoupledDecay = settings.decoupled() && weightDecay != 0.0;
            float[] m = expAvg[i];
            float[] v = expAvgSq[i];
            float[] vMax = maxExpAvgSq == null ? null : maxExpAvgSq[i];
            for (int j = 0; j < value.length; j++) {
                float g = settings.maximize() ? -grad[j] : grad[j];
                float w = value[j];
                if (decoupledDecay) {
                    w = w * shrink;
                }
                if (l2 != 0f) {
                    g = g + l2 * w;
                }
                m[j] = m[j] * beta1 + oneMinusBeta1 * g;
                v[j] = v[j] * beta2 + oneMinusBeta2 * g * g;
                float second = v[j];
                if (vMax != null) {
                    vMax[j] = Math.max(vMax[j], second);
                    second = vMax[j];
                }
                float denom = (float) Math.sqrt(second) / bc2Sqrt + eps;
                value[j] = w + negStepSize * m[j] / denom;
            }
        }
    }
}
