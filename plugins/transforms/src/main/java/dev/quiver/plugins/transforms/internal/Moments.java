package dev.quiver.plugins.transforms.internal;

/**
 * Count, mean and sum of squared deviations of one column, accumulated batch by batch and merged with Chan et
 * al.'s pairwise update, which stays accurate where the textbook sum-of-squares formula cancels. NaN values
 * (missing cells) are skipped. Mutable; one thread.
 */
public final class Moments {

    private long count;
    private double mean;
    private double m2;

    /** Adds the first {@code n} values of {@code values}. */
    public void add(double[] values, int n) {
        long k = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                sum += v;
                k++;
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

    /** The mean of the values seen, 0 when there were none. */
    public double mean() {
        return mean;
    }

    /** The population variance (divided by n, as scikit-learn's scalers use), 0 when there were no values. */
    public double variance() {
        return count == 0 ? 0 : m2 / count;
    }
}
