package dev.quiver.api.optim;

/**
 * A trainable tensor seen by an optimizer: its values and the gradient of the loss with respect to them, both
 * flat and of equal length, owned by the model being trained.
 *
 * @param name a stable name ({@code layer0.weight}), used in checkpoints
 * @param value the values, updated in place by {@link OptimizerRun#step()}
 * @param gradient the gradient of the current step, written by the model before {@code step()}
 * @param bias whether this is a bias (so {@code decayBias: false} can exempt it from weight decay)
 */
public record Parameter(String name, float[] value, float[] gradient, boolean bias) {

    public Parameter {
        if (value.length != gradient.length) {
            throw new IllegalArgumentException(name + ": value and gradient lengths differ");
        }
    }
}
