package dev.quiver.spark;

import java.io.Serializable;

/**
 * One on-heap block of training rows, the unit a Spark partition caches and computes on: {@code rows x width}
 * features, row-major, and one target per row. Arrow roots never leave the task that read them; a task copies its
 * rows once into blocks like this, which Spark may cache, spill or ship. Immutable by convention (the arrays are
 * not copied, for speed: whoever builds a block hands its arrays over).
 *
 * @param rows the number of rows
 * @param width the number of features per row
 * @param features {@code rows * width} values, row-major
 * @param target {@code rows} target values
 */
public record FeatureBlock(int rows, int width, double[] features, double[] target) implements Serializable {

    private static final long serialVersionUID = 1L;

    public FeatureBlock {
        if (features.length != (long) rows * width || target.length != rows) {
            throw new IllegalArgumentException("a block of " + rows + " rows x " + width + " features needs "
                    + (long) rows * width + " feature values and " + rows + " targets, got " + features.length
                    + " and " + target.length);
        }
    }

    /** The feature at {@code row}, {@code column}. */
    public double feature(int row, int column) {
        return features[row * width + column];
    }
}
