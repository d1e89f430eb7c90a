package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.ScoredRows;

/**
 * {@code log-loss}: the mean negative natural log of the probability given to the true class, as scikit-learn
 * 1.2's {@code log_loss} with its default {@code eps='auto'}: every probability is first clipped to
 * {@code [eps, 1 - eps]} with {@code eps} the double machine epsilon (2.22e-16), so a confident mistake costs
 * about 36 rather than infinity, and each row is then renormalised to sum to one. NaN without probabilities or
 * rows. Lower is better. Stateless.
 */
public final class LogLoss extends ClassificationMetric {

    public LogLoss() {
        super(false, Reads.PROBABILITIES);
    }

    /** numpy's {@code finfo(float64).eps}. */
    private static final double EPS = Math.ulp(1.0);

    @Override
    public double compute(Predictions predictions) {
        ScoredRows rows = ScoredRows.of(predictions);
        if (rows == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            double[] p = rows.probabilities()[i];
            double rowSum = 0;
            for (double pc : p) {
                rowSum += clip(pc);
            }
            sum -= Math.log(clip(p[rows.actual()[i]]) / rowSum);
        }
        return sum / rows.size();
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }
}
