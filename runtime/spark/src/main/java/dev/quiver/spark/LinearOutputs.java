package dev.quiver.spark;

import java.io.Serializable;

/**
 * A linear model with one or more outputs fitted on Spark, {@code z_o = weight[o] · x + bias[o]} (a regression's
 * value, a binary logit, or one logit per class), and the training loss of each step. Immutable.
 *
 * @param weight {@code [outputs][features]}
 * @param bias one per output
 * @param losses the loss of each optimizer step, in order (NaN for a mini-batch step that drew no rows)
 */
public record LinearOutputs(double[][] weight, double[] bias, double[] losses) implements Serializable {

    private static final long serialVersionUID = 1L;

    public LinearOutputs {
        weight = copy(weight);
        bias = bias.clone();
        losses = losses.clone();
    }

    private static double[][] copy(double[][] weight) {
        double[][] out = new double[weight.length][];
        for (int o = 0; o < weight.length; o++) {
            out[o] = weight[o].clone();
        }
        return out;
    }

    @Override
    public double[][] weight() {
        return copy(weight);
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** The weights output by output, flattened ({@code [o * features + f]}), as the engine's models save them. */
    public double[] flatWeight() {
        int width = weight.length == 0 ? 0 : weight[0].length;
        double[] flat = new double[weight.length * width];
        for (int o = 0; o < weight.length; o++) {
            System.arraycopy(weight[o], 0, flat, o * width, width);
        }
        return flat;
    }

    /** This fit as a single-output {@link LinearFit} (regression). */
    LinearFit single() {
        if (bias.length != 1) {
            throw new IllegalStateException(bias.length + " outputs are not one regression line");
        }
        return new LinearFit(weight[0], bias[0], losses);
    }
}
