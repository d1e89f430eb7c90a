package dev.quiver.plugins.metrics.regression;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.Scores;
import java.util.Set;

/**
 * The regression metrics. Every one is NaN for no rows; the residual of a row is {@code actual - predicted}.
 * Stateless.
 */
public enum RegressionMetric implements Metric {

    /** Mean squared error. */
    MSE("mse", false, "Mean squared error.") {
        @Override
        double of(double[] actual, double[] predicted) {
            double sum = 0;
            for (int i = 0; i < actual.length; i++) {
                double d = actual[i] - predicted[i];
                sum += d * d;
            }
            return sum / actual.length;
        }
    },
    /** Root of the mean squared error, in the target's unit. */
    RMSE("rmse", false, "Root mean squared error, in the target's unit.") {
        @Override
        double of(double[] actual, double[] predicted) {
            return Math.sqrt(MSE.of(actual, predicted));
        }
    },
    /** Mean absolute error. */
    MAE("mae", false, "Mean absolute error.") {
        @Override
        double of(double[] actual, double[] predicted) {
            double sum = 0;
            for (int i = 0; i < actual.length; i++) {
                sum += Math.abs(actual[i] - predicted[i]);
            }
            return sum / actual.length;
        }
    },
    /**
     * Coefficient of determination, {@code 1 - SS_res / SS_tot}, as scikit-learn's {@code r2_score}: a constant
     * truth scores 1 when predicted exactly and 0 otherwise; NaN for fewer than two rows.
     */
    R2("r2", true, "Coefficient of determination: 1 - residual sum of squares / total sum of squares.") {
        @Override
        double of(double[] actual, double[] predicted) {
            if (actual.length < 2) {
                return Double.NaN;
            }
            double mean = Scores.mean(actual);
            double residual = 0;
            double total = 0;
            for (int i = 0; i < actual.length; i++) {
                double r = actual[i] - predicted[i];
                double t = actual[i] - mean;
                residual += r * r;
                total += t * t;
            }
            return finite(residual, total);
        }
    },
    /**
     * {@code 1 - Var(residual) / Var(actual)}, as scikit-learn's {@code explained_variance_score}: unlike r2 it
     * forgives a constant bias. Constant truth is handled as for r2.
     */
    EXPLAINED_VARIANCE(
            "explained-variance",
            true,
            "1 - variance of the residual / variance of the target; unlike r2, blind to a constant bias.") {
        @Override
        double of(double[] actual, double[] predicted) {
            return finite(Scores.variance(residuals(actual, predicted)), Scores.variance(actual));
        }
    },
    /**
     * The mean residual {@code mean(actual - predicted)}: positive when the model predicts too low on average.
     * A signed bias, best at zero, so neither direction is right: {@link #higherIsBetter()} says false, like
     * every other error, but selecting models on it is not advised.
     */
    ERROR_MEAN(
            "error-mean",
            false,
            "Mean residual (actual - predicted): the model's bias; positive when it predicts too low.") {
        @Override
        double of(double[] actual, double[] predicted) {
            return Scores.mean(residuals(actual, predicted));
        }
    },
    /**
     * The population variance of the residual: two models with the same mean error differ in how much the error
     * varies.
     */
    ERROR_VARIANCE(
            "error-variance",
            false,
            "Population variance of the residual (actual - predicted): how much the error varies around its mean.") {
        @Override
        double of(double[] actual, double[] predicted) {
            return Scores.variance(residuals(actual, predicted));
        }
    };

    private final String metricName;
    private final boolean higherIsBetter;
    private final String description;

    RegressionMetric(String metricName, boolean higherIsBetter, String description) {
        this.metricName = metricName;
        this.higherIsBetter = higherIsBetter;
        this.description = description;
    }

    /** The pipeline-file name. */
    public String metricName() {
        return metricName;
    }

    /** One sentence for {@code quiver plugins}. */
    public String description() {
        return description;
    }

    @Override
    public Set<Task> tasks() {
        return Scores.REGRESSION;
    }

    @Override
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Labels or values only: large evaluated splits need not keep per-row probabilities for it. */
    @Override
    public boolean usesProbabilities() {
        return false;
    }

    @Override
    public double compute(Predictions predictions) {
        return predictions.size() == 0 ? Double.NaN : of(predictions.actual(), predictions.predicted());
    }

    abstract double of(double[] actual, double[] predicted);

    private static double[] residuals(double[] actual, double[] predicted) {
        double[] r = new double[actual.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = actual[i] - predicted[i];
        }
        return r;
    }

    /** {@code 1 - unexplained / total} with sklearn's {@code force_finite}: no NaN or -inf for a constant truth. */
    private static double finite(double unexplained, double total) {
        if (unexplained == 0) {
            return 1.0;
        }
        return total == 0 ? 0.0 : 1 - unexplained / total;
    }
}
