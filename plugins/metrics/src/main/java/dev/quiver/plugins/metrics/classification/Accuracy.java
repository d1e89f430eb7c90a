package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.Confusion;

/** {@code accuracy}: the fraction of rows whose class is predicted right; NaN for no rows. Stateless. */
public final class Accuracy extends ClassificationMetric {

    public Accuracy() {
        super(true, Reads.LABELS);
    }

    @Override
    public double compute(Predictions predictions) {
        return Confusion.of(predictions).accuracy();
    }
}
