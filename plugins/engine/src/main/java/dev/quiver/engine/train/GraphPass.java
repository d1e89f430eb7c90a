package dev.quiver.engine.train;

import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.tensor.Tensor;

/**
 * The general step: {@link Network#forward} records the autograd graph, {@link Tensor#backward} walks it. Its
 * buffers come from the workspace {@link TrainingLoop} keeps active across the step. Confined to the training
 * thread.
 */
final class GraphPass implements Pass {

    private final Network network;
    private Tensor outputs;

    GraphPass(Network network) {
        this.network = network;
    }

    @Override
    public float[] forward(float[] x, int rows, Rng dropout) {
        network.zeroGradients();
        outputs = network.forward(Tensor.of(x, rows, network.inputs()), true, dropout);
        return outputs.data();
    }

    @Override
    public void backward(float[] x, int rows, float[] outputGradient) {
        outputs.backward(outputGradient);
        outputs = null;
    }
}
