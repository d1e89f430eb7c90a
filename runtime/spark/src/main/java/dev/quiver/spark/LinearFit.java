package dev.quiver.spark;

import java.io.Serializable;

/**
 * A linear model fitted on Spark, {@code y = weight · x + bias}, and the training loss after each step (empty for
 * least squares). Immutable.
 *
 * @param weight one per feature
 * @param bias the intercept
 * @param losses the full-data loss before each optimizer step, in order
 */
public record LinearFit(double[] weight, double bias, double[] losses) implements Serializable {

    private static final long serialVersionUID = 1L;

    public LinearFit {
        weight = weight.clone();
        losses = losses.clone();
    }

    @Override
    public double[] weight() {
        return weight.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** The prediction for one row of {@code block}. */
    public double predict(FeatureBlock block, int row) {
        double s = bias;
        for (int c = 0; c < weight.length; c++) {
            s += weight[c] * block.feature(row, c);
        }
        return s;
    }
}
