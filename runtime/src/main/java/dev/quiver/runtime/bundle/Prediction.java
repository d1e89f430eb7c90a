package dev.quiver.runtime.bundle;

import dev.quiver.api.Task;
import java.util.Map;

/**
 * One row's prediction from the row path of {@link FittedPipeline}: for classification the predicted
 * {@link #label()} and, when the model gives them, the {@link #probabilities()} keyed by class; for regression
 * the {@link #value()}; for clustering the {@link #cluster()}. Asking for what the task does not predict (a
 * regression's label) is an {@link IllegalStateException}, so a mix-up fails loudly rather than reading 0.
 * Immutable and thread-safe.
 */
public final class Prediction {

    private final Task task;
    private final String label;
    private final Map<String, Double> probabilities;
    private final double value;
    private final long cluster;

    Prediction(Task task, String label, Map<String, Double> probabilities, double value, long cluster) {
        this.task = task;
        this.label = label;
        this.probabilities = probabilities;
        this.value = value;
        this.cluster = cluster;
    }

    /** What was predicted: {@code REGRESSION}, {@code BINARY}, {@code MULTICLASS} or {@code CLUSTERING}. */
    public Task task() {
        return task;
    }

    /** The predicted class, spelled as in {@link Predictions#classes()}; classification only. */
    public String label() {
        require(label != null, "a label");
        return label;
    }

    /**
     * The probability of each class, in class order (unmodifiable); classification only. Empty when the model
     * gives no probabilities (some Tribuo trainers).
     */
    public Map<String, Double> probabilities() {
        require(label != null, "probabilities");
        return probabilities;
    }

    /** The probability of {@code classLabel}; classification with probabilities only. */
    public double probability(String classLabel) {
        Double p = probabilities().get(classLabel);
        if (p == null) {
            throw new IllegalArgumentException("no probability for class '" + classLabel
                    + "'; the classes with one are " + probabilities.keySet());
        }
        return p;
    }

    /** The predicted value (regression), or a language model's mean next-token cross-entropy of the row. */
    public double value() {
        require(task == Task.REGRESSION || task == Task.LANGUAGE_MODEL, "a value");
        return value;
    }

    /** The cluster the row belongs to; clustering only. */
    public long cluster() {
        require(task == Task.CLUSTERING, "a cluster");
        return cluster;
    }

    private void require(boolean present, String what) {
        if (!present) {
            throw new IllegalStateException("a " + task + " model predicts no " + what + " per row; use "
                    + switch (task) {
                        case REGRESSION, LANGUAGE_MODEL -> "value()";
                        case CLUSTERING -> "cluster()";
                        default -> "label() and probabilities()";
                    });
        }
    }

    @Override
    public String toString() {
        return switch (task) {
            case REGRESSION, LANGUAGE_MODEL -> "Prediction[value=" + value + "]";
            case CLUSTERING -> "Prediction[cluster=" + cluster + "]";
            default -> "Prediction[label=" + label + ", probabilities=" + probabilities + "]";
        };
    }
}
