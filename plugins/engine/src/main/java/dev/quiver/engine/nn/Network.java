package dev.quiver.engine.nn;

import dev.quiver.api.optim.Parameter;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stack of {@link Dense} layers with an activation (and optional dropout) between them and raw outputs
 * (logits) at the end: linear and logistic models are the zero-hidden-layer case. Owns its parameters; confined
 * to one thread while training, read-only afterwards.
 */
public final class Network {

    private final List<Dense> layers;
    private final Activation activation;
    private final float dropout;

    public Network(List<Dense> layers, Activation activation, float dropout) {
        this.layers = List.copyOf(layers);
        this.activation = activation;
        this.dropout = dropout;
    }

    /**
     * A freshly initialised network {@code sizes[0] -> ... -> sizes[last]}: hidden layers with {@code hidden}
     * init, the output layer with {@code output} init, biases zero.
     */
    public static Network create(
            int[] sizes, Activation activation, float dropout, Init hidden, Init output, Rng random) {
        List<Dense> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            Dense d = new Dense("layer" + l, sizes[l], sizes[l + 1]);
            Init init = l + 2 == sizes.length ? output : hidden;
            init.fill(d.weight().value(), sizes[l], sizes[l + 1], random);
            layers.add(d);
        }
        return new Network(layers, activation, dropout);
    }

    public List<Dense> layers() {
        return layers;
    }

    public Activation activation() {
        return activation;
    }

    public float dropout() {
        return dropout;
    }

    public int inputs() {
        return layers.get(0).inputs();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** Every parameter, in layer order (weight, then bias): the order optimizers and checkpoints see. */
    public List<Parameter> parameters() {
        List<Parameter> params = new ArrayList<>();
        for (Dense d : layers) {
            params.add(d.weight());
            params.add(d.bias());
        }
        return params;
    }

    /**
     * The raw outputs for a {@code [rows, inputs]} batch. In training mode the graph is tracked and dropout
     * (if any) draws its masks from {@code random}; otherwise nothing is tracked and {@code random} may be null.
     */
    public Tensor forward(Tensor x, boolean train, Rng random) {
        Tensor h = x;
        for (int l = 0; l < layers.size(); l++) {
            h = layers.get(l).forward(h, train);
            if (l + 1 < layers.size()) {
                h = activation.apply(h);
                if (dropout > 0 && train) {
                    h = h.dropout(dropout, random, true);
                }
            }
        }
        return h;
    }

    /** Zeroes every gradient, before a step's backward pass. */
    public void zeroGradients() {
        for (Dense d : layers) {
            Arrays.fill(d.weight().gradient(), 0f);
            Arrays.fill(d.bias().gradient(), 0f);
        }
    }

    /** A deep copy of the parameter values, e.g. to freeze a trained model or remember the best epoch. */
    public Network copy() {
        List<Dense> copies = new ArrayList<>();
        for (Dense d : layers) {
            String name = d.weight().name().substring(0, d.weight().name().length() - ".weight".length());
            copies.add(new Dense(
                    name,
                    d.inputs(),
                    d.outputs(),
                    d.weight().value().clone(),
                    d.bias().value().clone()));
        }
        return new Network(copies, activation, dropout);
    }

    /** Overwrites this network's values with {@code other}'s (same architecture). */
    public void copyValuesFrom(Network other) {
        for (int l = 0; l < layers.size(); l++) {
            Dense to = layers.get(l), from = other.layers.get(l);
            System.arraycopy(
                    from.weight().value(),
                    0,
                    to.weight().value(),
                    0,
                    to.weight().value().length);
            System.arraycopy(
                    from.bias().value(), 0, to.bias().value(), 0, to.bias().value().length);
        }
    }
}
