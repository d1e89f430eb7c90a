package dev.quiver.api.metric;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import java.util.Set;

/**
 * A base for the common metric: a term per row from its true and predicted value, summed, then finished (the
 * mean by default). It is its own factory, for metrics without options:
 *
 * <pre>{@code
 * public final class MaxError extends RowMetric {
 *     public MaxError() { super("max-error", "Largest absolute error.", Set.of(Task.REGRESSION), false); }
 *     protected double term(double actual, double predicted) { return Math.abs(actual - predicted); }
 *     protected double combine(double sum, double term) { return Math.max(sum, term); }
 *     protected double finish(double sum, int rows) { return sum; }
 * }
 * }</pre>
 *
 * <p>No rows give NaN. Classification metrics see class indices as doubles. The metric reads labels only
 * ({@link #usesProbabilities()} is false), so the runtime need not keep per-row probabilities for it. Subclasses
 * must be stateless: instances are immutable and thread-safe.
 */
public abstract class RowMetric implements Metric, MetricFactory {

    private final String name;
    private final String description;
    private final Set<Task> tasks;
    private final boolean higherIsBetter;

    protected RowMetric(String name, String description, Set<Task> tasks, boolean higherIsBetter) {
        this.name = name;
        this.description = description;
        this.tasks = Set.copyOf(tasks);
        this.higherIsBetter = higherIsBetter;
    }

    /** The term of one row. */
    protected abstract double term(double actual, double predicted);

    /** Adds a term to what the rows before gave (their sum by default). */
    protected double combine(double sum, double term) {
        return sum + term;
    }

    /** The value from the combined terms of {@code rows} > 0 rows: their mean by default. */
    protected double finish(double sum, int rows) {
        return sum / rows;
    }

    @Override
    public final double compute(Predictions predictions) {
        int rows = predictions.size();
        if (rows == 0) {
            return Double.NaN;
        }
        double sum = term(predictions.actual()[0], predictions.predicted()[0]);
        for (int r = 1; r < rows; r++) {
            sum = combine(sum, term(predictions.actual()[r], predictions.predicted()[r]));
        }
        return finish(sum, rows);
    }

    @Override
    public final Set<Task> tasks() {
        return tasks;
    }

    @Override
    public final boolean higherIsBetter() {
        return higherIsBetter;
    }

    @Override
    public final boolean usesProbabilities() {
        return false;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** The metric itself: it is stateless and has no options. */
    @Override
    public final Metric create(Config config, PluginContext context) {
        return this;
    }
}
