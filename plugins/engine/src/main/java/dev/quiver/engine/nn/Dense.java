package dev.quiver.engine.nn;

import dev.quiver.api.optim.Parameter;
import dev.quiver.engine.tensor.Tensor;

/**
 * A fully connected layer {@code y = x W + b}, with {@code W} stored {@code [inputs][outputs]} (the layout the
 * forward product reads contiguously) and its gradient alongside. The arrays are the layer's own and are updated
 * in place by an optimizer through {@link #weight()} and {@link #bias()}; confined to the training thread.
 */
public final class Dense {

    private final int inputs;
    private final int outputs;
    private final Parameter weight;
    private final Parameter bias;

    public Dense(String name, int inputs, int outputs) {
        this(name, inputs, outputs, new float[inputs * outputs], new float[outputs]);
    }

    /** A layer over existing values (not copied), e.g. restored from a saved model. */
    public Dense(String name, int inputs, int outputs, float[] weight, float[] bias) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.weight = new Parameter(name + ".weight", weight, new float[inputs * outputs], false);
        this.bias = new Parameter(name + ".bias", bias, new float[outputs], true);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /** The layer applied to a {@code [rows, inputs]} batch, tracked for backprop when {@code train}. */
    public Tensor forward(Tensor x, boolean train) {
        Tensor w = train
                ? Tensor.parameter(weight.value(), weight.gradient(), inputs, outputs)
                : Tensor.of(weight.value(), inputs, outputs);
        Tensor b = train ? Tensor.parameter(bias.value(), bias.gradient(), outputs) : Tensor.of(bias.value(), outputs);
        return x.linear(w, b);
    }

    /** The weights as {@code [outputs][inputs]} doubles, PyTorch's and {@code describe()}'s orientation. */
    public double[][] weightByOutput() {
        double[][] w = new double[outputs][inputs];
        float[] v = weight.value();
        for (int i = 0; i < inputs; i++) {
            for (int o = 0; o < outputs; o++) {
                w[o][i] = v[i * outputs + o];
            }
        }
        return w;
    }

    public double[] biasValues() {
        double[] b = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            b[o] = bias.value()[o];
        }
        return b;
    }
}
