package dev.quiver.api.optim;

import java.util.List;

/**
 * {@code torch.nn.utils.clip_grad_value_}: every gradient element is clamped to {@code [-limit, limit]}.
 * Immutable.
 *
 * @param limit the largest allowed magnitude, > 0
 */
public record ClipByValue(double limit) implements GradientClipping {

    public ClipByValue {
        if (!(limit > 0.0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("value must be a finite number > 0, got " + limit);
        }
    }

    @Override
    public void clip(List<Parameter> parameters) {
        float high = (float) limit;
        float low = -high;
        for (Parameter p : parameters) {
            float[] g = p.gradient();
            for (int j = 0; j < g.length; j++) {
                // NaN stays NaN, as with torch.clamp, so divergence is still detected downstream
                if (g[j] > high) {
                    g[j] = high;
                } else if (g[j] < low) {
                    g[j] = low;
                }
            }
        }
    }
}
