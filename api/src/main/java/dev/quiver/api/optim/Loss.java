package dev.quiver.api.optim;

import dev.quiver.api.Task;
import java.util.Set;

/**
 * A differentiable loss over one batch of model outputs. Immutable and thread-safe.
 *
 * <p>Shapes are row-major: {@code output} holds {@code rows x width} raw model outputs (logits for the
 * classification losses); {@code target} holds {@code rows} values when the loss takes class indices
 * ({@link #classIndexTargets()}), otherwise {@code rows x width} values.
 */
public interface Loss {

    /** The tasks this loss makes sense for; the runtime rejects a mismatch at validation time. */
    Set<Task> tasks();

    /** Whether targets are class indices (cross-entropy) rather than values shaped like the output. */
    default boolean classIndexTargets() {
        return false;
    }

    /**
     * Computes the loss of a batch and writes its gradient with respect to each output into {@code gradient}
     * (same shape as {@code output}; overwritten, not accumulated). The reduction (mean or sum) the user chose
     * applies to both.
     *
     * @return the reduced loss
     */
    double evaluate(float[] output, float[] target, int rows, int width, float[] gradient);
}
