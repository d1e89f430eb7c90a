package dev.quiver.runtime.bundle;

import dev.quiver.api.Task;
import java.util.AbstractList;
import java.util.List;

/**
 * What the row path of {@link FittedPipeline} returns: one {@link Prediction} per input row, in input order,
 * and the model's class list. Immutable and thread-safe; it holds no Arrow memory.
 */
public final class Predictions extends AbstractList<Prediction> {

    private final Task task;
    private final List<String> classes;
    private final List<Prediction> rows;

    Predictions(Task task, List<String> classes, List<Prediction> rows) {
        this.task = task;
        this.classes = List.copyOf(classes);
        this.rows = List.copyOf(rows);
    }

    /** What the model predicts. */
    public Task task() {
        return task;
    }

    /** The class labels in the model's order (classification), empty otherwise. */
    public List<String> classes() {
        return classes;
    }

    /** The prediction of input row {@code row} (0-based). */
    @Override
    public Prediction get(int row) {
        return rows.get(row);
    }

    @Override
    public int size() {
        return rows.size();
    }

    /** Every row's {@link Prediction#label()}; classification only. */
    public List<String> labels() {
        return rows.stream().map(Prediction::label).toList();
    }

    /** Every row's {@link Prediction#value()}; regression only. */
    public double[] values() {
        return rows.stream().mapToDouble(Prediction::value).toArray();
    }
}
