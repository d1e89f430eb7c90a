package dev.quiver.runtime.report;

/**
 * A binary classifier's calibration curve, as scikit-learn's {@code calibration_curve(y, p, n_bins, strategy=
 * "uniform")}: the probabilities cut into equal-width bins (a probability on an inner edge falls in the lower
 * bin, as numpy's {@code searchsorted}), and per non-empty bin the share of positives against the mean
 * probability. Stateless.
 */
final class Calibration {

    private Calibration() {}

    /** {@code [0]} the mean predicted probability, {@code [1]} the share of positives, for each non-empty bin. */
    static double[][] curve(boolean[] positive, double[] probability, int bins) {
        double[] sums = new double[bins];
        double[] trues = new double[bins];
        int[] totals = new int[bins];
        for (int i = 0; i < probability.length; i++) {
            double p = probability[i];
            if (Double.isNaN(p)) {
                continue;
            }
            int bin = 0;
            // searchsorted(edges[1:-1], p, side="left"): the number of inner edges strictly below p
            for (int e = 1; e < bins; e++) {
                if ((double) e / bins < p) {
                    bin = e;
                }
            }
            sums[bin] += p;
            trues[bin] += positive[i] ? 1 : 0;
            totals[bin]++;
        }
        int kept = 0;
        for (int t : totals) {
            kept += t > 0 ? 1 : 0;
        }
        double[][] out = new double[2][kept];
        for (int b = 0, k = 0; b < bins; b++) {
            if (totals[b] > 0) {
                out[0][k] = sums[b] / totals[b];
                out[1][k] = trues[b] / totals[b];
                k++;
            }
        }
        return out;
    }
}
