package com.example.quiver.medae;

import com.google.common.base.Objects;
import com.google.common.collect.Ordering;
import com.google.common.primitives.Doubles;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The median of {@code |actual - predicted|} (scikit-learn's {@code median_absolute_error}: the mean of the two
 * middle values for an even count). Uses Guava 16 on purpose, {@code Objects.toStringHelper} included, which
 * Quiver's Guava no longer has: the plugin's own loader gives it its own version. Immutable and thread-safe.
 */
final class MedianAbsoluteError implements Metric {

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.REGRESSION);
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public boolean usesProbabilities() {
        return false;
    }

    @Override
    public double compute(Predictions predictions) {
        int n = predictions.size();
        if (n == 0) {
            return Double.NaN;
        }
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            errors[i] = Math.abs(predictions.actual()[i] - predictions.predicted()[i]);
        }
        List<Double> sorted = Ordering.natural().sortedCopy(Doubles.asList(errors));
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Override
    public Map<String, Object> details(Predictions predictions) {
        String summary = Objects.toStringHelper("medae")
                .add("rows", predictions.size())
                .toString();
        return Map.of("summary", summary);
    }
}
