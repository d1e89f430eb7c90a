package dev.quiver.api.metric;

import dev.quiver.api.Task;
import java.util.Map;
import java.util.Set;

/** A score of predictions against the truth. Immutable and thread-safe. */
public interface Metric {

    /** The tasks this metric applies to; the runtime rejects a mismatch before reading data. */
    Set<Task> tasks();

    /** Whether a larger value is better (accuracy) or worse (mse); model selection uses it. */
    boolean higherIsBetter();

    /**
     * Whether {@link #compute} reads {@link Predictions#probabilities()}. The runtime keeps per-row
     * probabilities of a large evaluated split only when a metric needs them, so that scoring millions of
     * streamed rows fits in a small heap. The default, true, is the safe answer for a metric that might.
     */
    default boolean usesProbabilities() {
        return true;
    }

    /** The headline value; {@code NaN} when undefined for these predictions (say, one class only for AUC). */
    double compute(Predictions predictions);

    /**
     * Structured detail beyond the headline (a confusion matrix, per-class scores), JSON-friendly; empty by
     * default.
     */
    default Map<String, Object> details(Predictions predictions) {
        return Map.of();
    }
}
