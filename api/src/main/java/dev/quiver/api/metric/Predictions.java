package dev.quiver.api.metric;

import dev.quiver.api.Task;
import java.util.List;

/**
 * Predictions of one evaluated split, gathered from the model's output columns. Arrays are shared, not copied:
 * metrics must only read them.
 *
 * @param task what was predicted
 * @param classes class labels in index order (classification); empty otherwise
 * @param actual the true values, or true class indices as doubles
 * @param predicted the predicted values, or predicted class indices as doubles
 * @param probabilities for classifiers that give them, {@code probabilities[row][class]}; null otherwise
 */
public record Predictions(
        Task task, List<String> classes, double[] actual, double[] predicted, double[][] probabilities) {

    public Predictions {
        classes = List.copyOf(classes);
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual and predicted lengths differ");
        }
    }

    public int size() {
        return actual.length;
    }
}
