package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.ScoredRows;

/**
 * {@code brier}: the mean squared error of the probabilities.
 *
 * <ul>
 *   <li>Binary task, or any task with {@code positiveClass}: {@code mean((p - y)^2)} with {@code p} the positive
 *       class's probability and {@code y} 1 for its rows, 0 otherwise; scikit-learn's
 *       {@code brier_score_loss}. Ranges over [0, 1].</li>
 *   <li>Multiclass task: the original multi-class score of Brier (1950),
 *       {@code mean over rows of sum over classes (p_c - [y == c])^2}, ranging over [0, 2]. sklearn 1.2 has no
 *       multiclass Brier score. Note that for two classes this is twice the binary value.</li>
 * </ul>
 *
 * NaN without probabilities or rows. Lower is better. Immutable.
 */
public final class Brier extends ClassificationMetric {

    private final String positiveClass;

    /** @param positiveClass the label to score against the rest, or null for the default */
    public Brier(String positiveClass) {
        super(false, Reads.PROBABILITIES);
        this.positiveClass = positiveClass;
    }

    @Override
    public double compute(Predictions predictions) {
        ScoredRows rows = ScoredRows.of(predictions);
        if (rows == null) {
            return Double.NaN;
        }
        int positive = PositiveClass.resolve(positiveClass, predictions);
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            double[] p = rows.probabilities()[i];
            int y = rows.actual()[i];
            if (positive != PositiveClass.NONE) {
                double d = p[positive] - (y == positive ? 1 : 0);
                sum += d * d;
            } else {
                for (int c = 0; c < rows.classes(); c++) {
                    double d = p[c] - (y == c ? 1 : 0);
                    sum += d * d;
                }
            }
        }
        return sum / rows.size();
    }
}
