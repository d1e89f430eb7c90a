package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.Confusion;

/**
 * {@code balanced-accuracy}: the mean recall over the classes that occur in the truth (scikit-learn's
 * {@code balanced_accuracy_score}); a class that is only ever predicted has no recall and is left out. NaN for
 * no rows. Stateless.
 */
public final class BalancedAccuracy extends ClassificationMetric {

    public BalancedAccuracy() {
        super(true, Reads.LABELS);
    }

    @Override
    public double compute(Predictions predictions) {
        Confusion confusion = Confusion.of(predictions);
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < confusion.classCount(); c++) {
            if (confusion.actualCount(c) > 0) {
                sum += (double) confusion.truePositives(c) / confusion.actualCount(c);
                classes++;
            }
        }
        return classes == 0 ? Double.NaN : sum / classes;
    }
}
