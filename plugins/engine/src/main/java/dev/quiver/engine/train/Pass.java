package dev.quiver.engine.train;

import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Rng;

/**
 * One training step's forward and backward passes over a batch, between which {@link TrainingLoop} evaluates the
 * loss: {@link #forward} gives the raw outputs, {@link #backward} turns the loss's gradient with respect to them
 * into every parameter's gradient (overwriting the last step's). Two implementations: {@link LinearPass} for a
 * network without hidden layers (the linear, logistic and softmax regressions), which computes the gradients
 * directly, and {@link GraphPass}, the general autograd graph, for everything else.
 *
 * <p>Confined to the training thread. The outputs returned by {@code forward} are valid until the next call.
 */
interface Pass {

    /** The raw outputs ({@code rows x outputs}, row-major) of {@code rows} rows of {@code x}. */
    float[] forward(float[] x, int rows, Rng dropout);

    /**
     * Writes the gradient of every parameter from {@code outputGradient}, the loss's gradient with respect to the
     * outputs the last {@link #forward} returned ({@code x} and {@code rows} are that call's).
     */
    void backward(float[] x, int rows, float[] outputGradient);

    /**
     * The fused pass when {@code network} has a single layer and {@code fused} allows it, the graph otherwise
     * (hidden layers need activations, dropout and backpropagation through them).
     */
    static Pass of(Network network, boolean fused) {
        return fused && network.layers().size() == 1
                ? new LinearPass(network.layers().get(0))
                : new GraphPass(network);
    }
}
