package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.plugins.metrics.internal.Scores;
import java.util.Set;

/**
 * What the classification metrics share: they apply to binary and multiclass tasks, have a fixed direction, and
 * either read per-row probabilities or only the predicted labels. Immutable, as its subclasses must be.
 */
abstract class ClassificationMetric implements Metric {

    /** Which part of the predictions a metric reads. */
    enum Reads {
        /**
         * Labels only: the runtime need not keep per-row probabilities of a large evaluated split for it.
         */
        LABELS,
        /** The class probabilities. */
        PROBABILITIES
    }

    private final boolean higherIsBetter;
    private final Reads reads;

    ClassificationMetric(boolean higherIsBetter, Reads reads) {
        this.higherIsBetter = higherIsBetter;
        this.reads = reads;
    }

    @Override
    public final Set<Task> tasks() {
        return Scores.CLASSIFICATION;
    }

    @Override
    public final boolean higherIsBetter() {
        return higherIsBetter;
    }

    @Override
    public final boolean usesProbabilities() {
        return reads == Reads.PROBABILITIES;
    }
}
