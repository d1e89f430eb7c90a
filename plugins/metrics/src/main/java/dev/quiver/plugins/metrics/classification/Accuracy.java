package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.Confusion;
import dev.quiver.plugins.metrics.internal.Scores;
import java.util.Set;

/** {@code accuracy}: the fraction of rows whose class is predicted right; NaN for no rows. Stateless. */
public final class Accuracy implements Metric {

    @Override
    public Set<Task> tasks() {
        return Scores.CLASSIFICATION;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /** Labels or values only: large evaluated splits need not keep per-row probabilities for it. */
    @Override
    public boolean usesProbabilities() {
        return false;
    }

    @Override
    public double compute(Predictions predictions) {
        return Confusion.of(predictions).accuracy();
    }
}
