package dev.quiver.plugins.metrics.internal;

import dev.quiver.api.Task;
import java.util.EnumSet;
import java.util.Set;

/** Small shared pieces of the metrics: task sets and the two-pass mean. Stateless. */
public final class Scores {

    /** Binary and multiclass classification. */
    public static final Set<Task> CLASSIFICATION = Set.copyOf(EnumSet.of(Task.BINARY, Task.MULTICLASS));

    /** Regression only. */
    public static final Set<Task> REGRESSION = Set.of(Task.REGRESSION);

    private Scores() {}

    /** The mean of {@code values}; NaN when empty. */
    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The population variance, from the deviations about the mean (two passes keep cancellation away). */
    public static double variance(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            double d = v - mean;
            sum += d * d;
        }
        return sum / values.length;
    }
}
