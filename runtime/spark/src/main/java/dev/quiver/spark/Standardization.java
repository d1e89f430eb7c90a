package dev.quiver.spark;

import java.io.Serializable;

/**
 * A fitted {@code standardize} over the feature columns of {@link FeatureBlock}s: {@code (x - mean) / scale},
 * exactly what the transforms plugin's local {@code standardize} learns from the same rows. Immutable; safe to
 * broadcast and to apply in any task.
 *
 * @param mean per column
 * @param scale per column, 1 for a constant column
 */
public record Standardization(double[] mean, double[] scale) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Standardization {
        mean = mean.clone();
        scale = scale.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** A new block with every feature standardized; the target is shared, not copied. */
    public FeatureBlock apply(FeatureBlock block) {
        if (block.width() != mean.length) {
            throw new IllegalArgumentException(
                    "standardization of " + mean.length + " columns applied to a block of " + block.width());
        }
        double[] in = block.features();
        double[] out = new double[in.length];
        for (int r = 0, i = 0; r < block.rows(); r++) {
            for (int c = 0; c < mean.length; c++, i++) {
                out[i] = (in[i] - mean[c]) / scale[c];
            }
        }
        return new FeatureBlock(block.rows(), block.width(), out, block.target());
    }
}
