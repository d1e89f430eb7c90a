package dev.quiver.optim.clip;

import dev.quiver.api.optim.Parameter;
import java.util.List;

/**
 * Rescales or clamps gradients in place between the model's backward pass and the optimizer step. Immutable
 * and thread-safe itself; it touches only the gradients it is given, on the caller's thread.
 */
public interface GradientClipping {

    /** Leaves gradients as they are. */
    GradientClipping NONE = parameters -> { };

    /** Clips the gradients of {@code parameters} in place. */
    void clip(List<Parameter> parameters);
}
