package dev.quiver.api.optim;

import java.util.List;

/**
 * {@code torch.nn.utils.clip_grad_norm_} with the L2 norm: when the norm of all gradients taken together
 * exceeds {@code maxNorm}, every gradient is multiplied by {@code maxNorm / (norm + 1e-6)}. Immutable.
 *
 * @param maxNorm the largest allowed global norm, > 0
 */
public record ClipByNorm(double maxNorm) implements GradientClipping {

    public ClipByNorm {
        if (!(maxNorm > 0.0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm must be a finite number > 0, got " + maxNorm);
        }
    }

    /** The L2 norm of all gradients taken together (accumulated in double). */
    public static double totalNorm(List<Parameter> parameters) {
        double sumOfSquares = 0.0;
        for (Parameter p : parameters) {
            for (float g : p.gradient()) {
                sumOfSquares += (double) g * g;
            }
        }
        return Math.sqrt(sumOfSquares);
    }

    @Override
    public void clip(List<Parameter> parameters) {
        float norm = (float) totalNorm(parameters);
        // PyTorch computes the coefficient in float32 and clamps it at 1, so small norms are left unchanged.
        float coefficient = (float) maxNorm / (norm + 1e-6f);
        if (coefficient >= 1f) {
            return;
        }
        for (Parameter p : parameters) {
            float[] g = p.gradient();
            for (int j = 0; j < g.length; j++) {
                g[j] *= coefficient;
            }
        }
    }
}
