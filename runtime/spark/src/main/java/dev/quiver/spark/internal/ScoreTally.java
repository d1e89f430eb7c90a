package dev.quiver.spark.internal;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The sufficient statistics of the metrics Spark scores exactly, summed per task and merged on the driver: for
 * regression the row count, the sums of squared and absolute residuals and the moments of the truth (for r2's
 * total sum of squares, merged as Chan et al. do, so no cancellation); for classification the rows of each true
 * class and how many of them were predicted right. Each metric is then what the metrics plugin computes from all rows at once, up to the order
 * of the sums. Mutable; one task, or the driver's merge.
 */
public final class ScoreTally implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The metrics computed from these statistics. */
    public static final Set<String> REGRESSION = Set.of("mse", "rmse", "mae", "r2");

    public static final Set<String> CLASSIFICATION = Set.of("accuracy", "balanced-accuracy");

    private long rows;
    private double squared;
    private double absolute;
    private long correct;
    private final ColumnMoments truth = new ColumnMoments(1);
    /** Per known class: rows of that true class, and those of them predicted right (recall's parts). */
    private final long[] actual;

    private final long[] hits;

    /** @param classes the classifier's class count; 0 for regression */
    public ScoreTally(int classes) {
        actual = new long[classes];
        hits = new long[classes];
    }

    /** Adds {@code n} regression rows. */
    public void addValues(double[] actual, double[] predicted, int n) {
        for (int r = 0; r < n; r++) {
            double d = actual[r] - predicted[r];
            squared += d * d;
            absolute += Math.abs(d);
        }
        truth.add(0, actual, 0, 1, n);
        rows += n;
    }

    /** Adds {@code n} classified rows; a class of -1 is one the model does not know. */
    public void addClasses(int[] actual, int[] predicted, int n) {
        for (int r = 0; r < n; r++) {
            if (actual[r] >= 0) {
                this.actual[actual[r]]++;
                if (actual[r] == predicted[r]) {
                    correct++;
                    hits[actual[r]]++;
                }
            }
        }
        rows += n;
    }

    public ScoreTally merge(ScoreTally other) {
        rows += other.rows;
        squared += other.squared;
        absolute += other.absolute;
        correct += other.correct;
        truth.merge(other.truth);
        for (int c = 0; c < actual.length; c++) {
            actual[c] += other.actual[c];
            hits[c] += other.hits[c];
        }
        return this;
    }

    /** The {@code wanted} metrics that these statistics give, by name, as the metrics plugin defines them. */
    public Map<String, Double> scores(Set<String> wanted, boolean classification) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String metric : wanted) {
            double value =
                    switch (metric) {
                        case "mse" -> rows == 0 ? Double.NaN : squared / rows;
                        case "rmse" -> rows == 0 ? Double.NaN : Math.sqrt(squared / rows);
                        case "mae" -> rows == 0 ? Double.NaN : absolute / rows;
                        case "r2" -> rows < 2 ? Double.NaN : r2();
                        case "accuracy" -> rows == 0 ? Double.NaN : (double) correct / rows;
                        case "balanced-accuracy" -> balancedAccuracy();
                        default -> throw new IllegalArgumentException("no statistics for " + metric);
                    };
            if ((classification ? CLASSIFICATION : REGRESSION).contains(metric)) {
                scores.put(metric, value);
            }
        }
        return scores;
    }

    /** The mean recall over the classes that occur in the truth, as the plugin's (scikit-learn's). */
    private double balancedAccuracy() {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < actual.length; c++) {
            if (actual[c] > 0) {
                sum += (double) hits[c] / actual[c];
                classes++;
            }
        }
        return classes == 0 ? Double.NaN : sum / classes;
    }

    /** {@code 1 - SS_res / SS_tot} with scikit-learn's force_finite, as the plugin's r2. */
    private double r2() {
        if (squared == 0) {
            return 1.0;
        }
        double total = truth.variance(0) * truth.count(0);
        return total == 0 ? 0.0 : 1 - squared / total;
    }
}
