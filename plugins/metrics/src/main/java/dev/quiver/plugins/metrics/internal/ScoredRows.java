package dev.quiver.plugins.metrics.internal;

import dev.quiver.api.metric.Predictions;

/**
 * What the probability metrics (log-loss, brier, roc-auc, pr-auc) read: the true class indices and a class
 * probability table, both checked against the class count. Shared arrays, read only.
 *
 * @param classes the number of classes, the width of every probability row
 * @param actual the true class index of each row
 * @param probabilities {@code probabilities[row][class]}
 */
public record ScoredRows(int classes, int[] actual, double[][] probabilities) {

    /**
     * The rows of {@code predictions}; null when they have no rows or no probabilities, where every probability
     * metric is NaN.
     *
     * @throws dev.quiver.api.QuiverException for class indices out of range or a table of the wrong shape
     */
    public static ScoredRows of(Predictions predictions) {
        int k = ClassIndices.classCount(predictions);
        double[][] probabilities = ClassIndices.probabilities(predictions, k);
        if (probabilities == null || predictions.size() == 0) {
            return null;
        }
        return new ScoredRows(k, ClassIndices.actual(predictions, k), probabilities);
    }

    public int size() {
        return actual.length;
    }
}
