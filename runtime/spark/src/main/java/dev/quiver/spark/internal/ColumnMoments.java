package dev.quiver.spark.internal;

import java.io.Serializable;

/**
 * Count, mean, sum of squared deviations, minimum and maximum of each column, mergeable: each task adds its rows,
 * {@code treeAggregate} merges partial results with Chan et al.'s pairwise update (the same arithmetic as the
 * transforms plugin's local {@code Moments}, so distributed and local scalers agree to float64 rounding). NaN
 * (missing) values are skipped. Mutable; confined to one task or to the driver's merge.
 */
public final class ColumnMoments implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    private final double[] min;
    private final double[] max;

    public ColumnMoments(int columns) {
        count = new long[columns];
        mean = new double[columns];
        m2 = new double[columns];
        min = new double[columns];
        max = new double[columns];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    public int columns() {
        return count.length;
    }

    /** Adds the first {@code n} values of column {@code c}, read from {@code values} at {@code offset + i * stride}. */
    public ColumnMoments add(int c, double[] values, int offset, int stride, int n) {
        long k = 0;
        double sum = 0;
        for (int i = 0, at = offset; i < n; i++, at += stride) {
            double v = values[at];
            if (!Double.isNaN(v)) {
                sum += v;
                k++;
                min[c] = Math.min(min[c], v);
                max[c] = Math.max(max[c], v);
            }
        }
        if (k == 0) {
            return this;
        }
        double batchMean = sum / k;
        double batchM2 = 0;
        for (int i = 0, at = offset; i < n; i++, at += stride) {
            double v = values[at];
            if (!Double.isNaN(v)) {
                double d = v - batchMean;
                batchM2 += d * d;
            }
        }
        merge(c, k, batchMean, batchM2);
        return this;
    }

    /** Folds {@code other}'s columns into this one's; returns this. */
    public ColumnMoments merge(ColumnMoments other) {
        if (other.columns() != columns()) {
            throw new IllegalArgumentException(columns() + " columns merged with " + other.columns());
        }
        for (int c = 0; c < count.length; c++) {
            if (other.count[c] > 0) {
                merge(c, other.count[c], other.mean[c], other.m2[c]);
                min[c] = Math.min(min[c], other.min[c]);
                max[c] = Math.max(max[c], other.max[c]);
            }
        }
        return this;
    }

    private void merge(int c, long k, double otherMean, double otherM2) {
        long total = count[c] + k;
        double delta = otherMean - mean[c];
        mean[c] += delta * k / total;
        m2[c] += otherM2 + delta * delta * ((double) count[c] * k / total);
        count[c] = total;
    }

    public long count(int c) {
        return count[c];
    }

    public double mean(int c) {
        return mean[c];
    }

    /** The population variance (divided by n, as scikit-learn's scalers), 0 without values. */
    public double variance(int c) {
        return count[c] == 0 ? 0 : m2[c] / count[c];
    }

    public double min(int c) {
        return min[c];
    }

    public double max(int c) {
        return max[c];
    }
}
