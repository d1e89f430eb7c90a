package dev.quiver.engine.train;

import dev.quiver.engine.kernel.Affine;
import dev.quiver.engine.nn.Dense;
import dev.quiver.engine.tensor.Rng;
import java.util.Arrays;

/**
 * The step of a network that is one {@link Dense} layer, {@code y = x W + b}, without an autograd graph: the
 * forward pass writes the outputs into a buffer this pass owns (grown to the largest batch, then reused), the
 * backward pass writes {@code dW = x^T g} and {@code db = sum of g's rows} straight into the layer's gradients.
 * Both call {@link Affine}, the arithmetic the graph's linear op uses, so a step gives the same bits as
 * {@link GraphPass} would; what it saves is the graph's nodes, its walk and the gradient zeroing. Dropout does not
 * apply (it acts between layers). Confined to the training thread.
 */
final class LinearPass implements Pass {

    private final Dense layer;
    private float[] outputs = new float[0];

    LinearPass(Dense layer) {
        this.layer = layer;
    }

    @Override
    public float[] forward(float[] x, int rows, Rng dropout) {
        int m = layer.outputs();
        if (outputs.length < rows * m) {
            outputs = new float[rows * m];
        }
        Affine.forward(x, layer.weight().value(), layer.bias().value(), outputs, rows, layer.inputs(), m);
        return outputs;
    }

    @Override
    public void backward(float[] x, int rows, float[] outputGradient) {
        int m = layer.outputs();
        Affine.weightGradient(x, outputGradient, layer.weight().gradient(), rows, layer.inputs(), m, false);
        float[] biasGradient = layer.bias().gradient();
        Arrays.fill(biasGradient, 0f);
        Affine.addBiasGradient(outputGradient, biasGradient, rows, m);
    }
}
