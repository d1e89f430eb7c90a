package dev.quiver.api.optim;

import java.util.List;

/**
 * Rescales or clamps gradients in place between the model's backward pass and the optimizer step. Immutable
 * and thread-safe itself; it touches only the gradients it is given, on the caller's thread.
 *
 * <p>The runtime reads {@code training.clip} ({@code {maxNorm: x}} or {@code {value: x}}) into {@link ClipByNorm}
 * or {@link ClipByValue}, both exactly as {@code torch.nn.utils}; a model may also implement its own.
 */
public interface GradientClipping {

    /** Leaves gradients as they are. */
    GradientClipping NONE = parameters -> {};

    /** Clips the gradients of {@code parameters} in place. */
    void clip(List<Parameter> parameters);
}
