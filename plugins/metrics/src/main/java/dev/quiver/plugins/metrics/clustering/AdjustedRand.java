package dev.quiver.plugins.metrics.clustering;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code adjusted-rand}: the adjusted Rand index of the clusters ({@link Predictions#predicted()}) against the true
 * groups ({@link Predictions#actual()}, the codes of {@code columns.labels}), as scikit-learn's
 * {@code adjusted_rand_score}: 1 for the same partition under any renaming, about 0 for a chance one, negative
 * below chance. Only equality of the codes matters, never their values. It is computed from the pair confusion
 * matrix in exact integers (products of pair counts overflow a long from about 50,000 rows), rounded as
 * scikit-learn rounds its Python integers. Two partitions that agree on every pair give 1 (as scikit-learn); no
 * rows give NaN, as every metric here, where scikit-learn says 1. Stateless and thread-safe.
 */
public final class AdjustedRand implements Metric {

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.CLUSTERING);
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public boolean usesProbabilities() {
        return false;
    }

    @Override
    public double compute(Predictions predictions) {
        return of(predictions.actual(), predictions.predicted());
    }

    /** The index of two labelings of the same points, each a code per point. */
    public static double of(double[] truth, double[] cluster) {
        if (truth.length != cluster.length) {
            throw new IllegalArgumentException(
                    "the labelings have " + truth.length + " and " + cluster.length + " points");
        }
        long n = truth.length;
        if (n == 0) {
            return Double.NaN;
        }
        Map<Cell, Long> cells = new HashMap<>();
        Map<Long, Long> groups = new HashMap<>();
        Map<Long, Long> clusters = new HashMap<>();
        for (int i = 0; i < truth.length; i++) {
            long t = key(truth[i]);
            long c = key(cluster[i]);
            cells.merge(new Cell(t, c), 1L, Long::sum);
            groups.merge(t, 1L, Long::sum);
            clusters.merge(c, 1L, Long::sum);
        }
        long squares = sumOfSquares(cells);
        // scikit-learn's pair_confusion_matrix: ordered pairs of distinct points, by same/different group and
        // same/different cluster.
        long sameBoth = squares - n;
        long sameClusterOnly = sumOfSquares(clusters) - squares;
        long sameGroupOnly = sumOfSquares(groups) - squares;
        long neither = n * n - sameClusterOnly - sameGroupOnly - squares;
        if (sameClusterOnly == 0 && sameGroupOnly == 0) {
            return 1.0;
        }
        BigInteger tp = BigInteger.valueOf(sameBoth);
        BigInteger tn = BigInteger.valueOf(neither);
        BigInteger fp = BigInteger.valueOf(sameClusterOnly);
        BigInteger fn = BigInteger.valueOf(sameGroupOnly);
        BigInteger numerator = tp.multiply(tn).subtract(fn.multiply(fp));
        BigInteger denominator = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
        // scikit-learn's 2.0 * numerator / denominator: each integer rounded to a double once, then the division
        return 2.0 * numerator.doubleValue() / denominator.doubleValue();
    }

    /** A cell of the contingency table: one true group and one cluster. */
    private record Cell(long group, long cluster) {}

    /** Equal codes give equal keys; -0.0 and 0.0 are one code. */
    private static long key(double code) {
        return Double.doubleToLongBits(code == 0 ? 0.0 : code);
    }

    private static long sumOfSquares(Map<?, Long> counts) {
        long sum = 0;
        for (long c : counts.values()) {
            sum += c * c;
        }
        return sum;
    }
}
