package dev.quiver.testing.examples;

import dev.quiver.api.Task;
import dev.quiver.api.metric.RowMetric;
import java.util.Set;

/** The README's example of {@link RowMetric}: scikit-learn's {@code max_error}. */
public final class MaxError extends RowMetric {

    public MaxError() {
        super("max-error", "The largest absolute error of any row.", Set.of(Task.REGRESSION), false);
    }

    @Override
    protected double term(double actual, double predicted) {
        return Math.abs(actual - predicted);
    }

    @Override
    protected double combine(double largest, double term) {
        return Math.max(largest, term);
    }

    @Override
    protected double finish(double largest, int rows) {
        return largest;
    }
}
