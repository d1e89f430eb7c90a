package dev.quiver.testing.examples;

import dev.quiver.api.Task;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.metric.Predictions;
import dev.quiver.testing.conformance.MetricConformance;
import java.util.List;

/** {@link dev.quiver.api.metric.RowMetric} through its README example, against the metric kit. */
class MaxErrorConformanceTest extends MetricConformance {

    @Override
    protected MetricFactory factory() {
        return new MaxError();
    }

    @Override
    protected double perfectScore() {
        return 0.0;
    }

    /** scikit-learn's own docstring example: {@code max_error([3, 2, 7, 1], [4, 2, 7, 1]) == 1}, and by hand. */
    @Override
    protected List<Reference> references() {
        return List.of(
                new Reference(
                        "sklearn docstring", regression(new double[] {3, 2, 7, 1}, new double[] {4, 2, 7, 1}), 1.0, 0),
                new Reference("by hand", regression(new double[] {-1, 0.5, 10}, new double[] {1.5, 0.5, 9}), 2.5, 0));
    }

    private static Predictions regression(double[] actual, double[] predicted) {
        return new Predictions(Task.REGRESSION, List.of(), actual, predicted, null);
    }
}
