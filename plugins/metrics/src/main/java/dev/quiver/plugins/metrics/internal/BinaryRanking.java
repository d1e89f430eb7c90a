package dev.quiver.plugins.metrics.internal;

import java.util.Arrays;

/**
 * Rows ranked by a score for one positive class: the cumulative true and false positives at each distinct score,
 * highest first, which is all that ROC AUC and average precision are made of. Tied scores form one threshold,
 * as in scikit-learn's {@code _binary_clf_curve}, so ties count half in the AUC. Immutable.
 */
public final class BinaryRanking {

    private final long[] truePositives;
    private final long[] falsePositives;
    private final boolean hasNaN;

    private BinaryRanking(long[] truePositives, long[] falsePositives, boolean hasNaN) {
        this.truePositives = truePositives;
        this.falsePositives = falsePositives;
        this.hasNaN = hasNaN;
    }

    /**
     * Ranks {@code score[i]} with {@code positive[i]} as the truth. Sorting positives and negatives apart, as
     * primitive arrays, and merging them from the top is both simpler and faster than sorting boxed indices.
     */
    public static BinaryRanking of(boolean[] positive, double[] score) {
        int p = 0;
        for (boolean b : positive) {
            p += b ? 1 : 0;
        }
        double[] pos = new double[p];
        double[] neg = new double[positive.length - p];
        int pi = 0;
        int ni = 0;
        boolean nan = false;
        for (int i = 0; i < positive.length; i++) {
            nan |= Double.isNaN(score[i]);
            if (positive[i]) {
                pos[pi++] = score[i];
            } else {
                neg[ni++] = score[i];
            }
        }
        if (nan) {
            // NaN equals no threshold, so the merge below would never pass it; the areas are NaN anyway
            return new BinaryRanking(new long[] {p}, new long[] {neg.length}, true);
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long[] tps = new long[positive.length];
        long[] fps = new long[positive.length];
        int points = 0;
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        while (i >= 0 || j >= 0) {
            double threshold = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            while (i >= 0 && pos[i] == threshold) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == threshold) {
                fp++;
                j--;
            }
            tps[points] = tp;
            fps[points] = fp;
            points++;
        }
        return new BinaryRanking(Arrays.copyOf(tps, points), Arrays.copyOf(fps, points), nan);
    }

    public long positives() {
        return truePositives.length == 0 ? 0 : truePositives[truePositives.length - 1];
    }

    public long negatives() {
        return falsePositives.length == 0 ? 0 : falsePositives[falsePositives.length - 1];
    }

    /**
     * The area under the ROC curve by the trapezoidal rule on counts (exact up to the final division); NaN when
     * either class is absent or a score is NaN.
     */
    public double rocAuc() {
        long positives = positives();
        long negatives = negatives();
        if (positives == 0 || negatives == 0 || hasNaN) {
            return Double.NaN;
        }
        double area = 0;
        long prevTp = 0;
        long prevFp = 0;
        for (int k = 0; k < truePositives.length; k++) {
            area += (double) (falsePositives[k] - prevFp) * (truePositives[k] + prevTp);
            prevTp = truePositives[k];
            prevFp = falsePositives[k];
        }
        return area / 2.0 / positives / negatives;
    }

    /**
     * Average precision, the step integral of precision over recall without interpolation (scikit-learn's
     * {@code average_precision_score}); NaN when there are no positives or a score is NaN.
     */
    public double averagePrecision() {
        long positives = positives();
        if (positives == 0 || hasNaN) {
            return Double.NaN;
        }
        double sum = 0;
        long prevTp = 0;
        for (int k = 0; k < truePositives.length; k++) {
            long tp = truePositives[k];
            if (tp != prevTp) {
                double recallStep = (double) tp / positives - (double) prevTp / positives;
                sum += recallStep * ((double) tp / (tp + falsePositives[k]));
            }
            prevTp = tp;
        }
        return sum;
    }
}
