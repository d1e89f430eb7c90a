package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.Source;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Count, minimum, maximum, mean and sum of squared deviations of one column, accumulated batch by batch and merged
 * with Chan et al.'s pairwise update, which stays accurate where the textbook sum-of-squares formula cancels. NaN
 * values (missing cells) are skipped. The one pass over the training rows that {@code standardize} and
 * {@code min-max} fit from. Mutable; one thread.
 */
public final class Moments {

    /** The rounding unit of float64, which the scalers' "is this column constant" bounds are written in. */
    static final double EPS = Math.ulp(1.0);

    private long count;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** The moments of each of {@code columns} of {@code data}, read in one pass (infinite values are data errors). */
    static Moments[] scan(Source data, List<String> columns, BufferAllocator allocator) {
        Moments[] moments = new Moments[columns.size()];
        for (int c = 0; c < moments.length; c++) {
            moments[c] = new Moments();
        }
        Vectors.scanNumeric(data, columns, allocator, (c, values, rows) -> moments[c].add(values, rows));
        return moments;
    }

    /** The data error of a column whose statistics overflow float64, for the transform named {@code transform}. */
    static QuiverException tooLarge(Source data, String column, String transform, String what) {
        return QuiverException.data(
                data.describe(),
                0,
                column,
                "the values are too large for " + transform + ": " + what
                        + " overflows float64; divide the column by a power of ten first.");
    }

    /** Adds the first {@code n} values of {@code values}. */
    public void add(double[] values, int n) {
        long k = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                sum += v;
                k++;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (k == 0) {
            return;
        }
        double batchMean = sum / k;
        double batchM2 = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                double d = v - batchMean;
                batchM2 += d * d;
            }
        }
        long total = count + k;
        double delta = batchMean - mean;
        mean += delta * k / total;
        m2 += batchM2 + delta * delta * ((double) count * k / total);
        count = total;
    }

    public long count() {
        return count;
    }

    /** The smallest value seen, +infinity when there were none. */
    public double min() {
        return min;
    }

    /** The largest value seen, -infinity when there were none. */
    public double max() {
        return max;
    }

    /** The mean of the values seen, 0 when there were none. */
    public double mean() {
        return mean;
    }

    /** The population variance (divided by n, as scikit-learn's scalers use), 0 when there were no values. */
    public double variance() {
        return count == 0 ? 0 : m2 / count;
    }
}
