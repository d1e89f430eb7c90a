package dev.quiver.plugins.metrics.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;

/**
 * Reads class indices out of {@link Predictions}, where they travel as doubles, and checks them: a fractional or
 * out-of-range index is a defect upstream, and every metric would otherwise fail differently on it. Stateless.
 */
public final class ClassIndices {

    private ClassIndices() {}

    /**
     * The number of classes: the labels given, or one more than the largest index seen when the labels are
     * missing (a caller that forgot them still gets a sound confusion matrix; a binary task has two at least).
     */
    public static int classCount(Predictions predictions) {
        int k = predictions.classes().size();
        if (k > 0) {
            return k;
        }
        double max = predictions.task() == Task.BINARY ? 1 : -1;
        for (int i = 0; i < predictions.size(); i++) {
            max = Math.max(max, Math.max(predictions.actual()[i], predictions.predicted()[i]));
        }
        return (int) max + 1;
    }

    /** The true class indices, checked against {@code k}. */
    public static int[] actual(Predictions predictions, int k) {
        return read(predictions.actual(), k, "actual");
    }

    /** The predicted class indices, checked against {@code k}. */
    public static int[] predicted(Predictions predictions, int k) {
        return read(predictions.predicted(), k, "predicted");
    }

    /**
     * The probability table, checked to have one row per sample and {@code k} columns; null when the predictions
     * carry none.
     */
    public static double[][] probabilities(Predictions predictions, int k) {
        double[][] p = predictions.probabilities();
        if (p == null) {
            return null;
        }
        if (p.length != predictions.size()) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "The predictions have " + predictions.size() + " rows but " + p.length
                            + " rows of class probabilities.");
        }
        for (int row = 0; row < p.length; row++) {
            if (p[row].length != k) {
                throw QuiverException.data(
                        "predictions",
                        row,
                        "probabilities",
                        "expected " + k + " class probabilities (one per class), got " + p[row].length + ".");
            }
        }
        return p;
    }

    private static int[] read(double[] values, int k, String column) {
        int[] out = new int[values.length];
        for (int row = 0; row < values.length; row++) {
            double v = values[row];
            if (!(v >= 0 && v < k && v == Math.rint(v))) {
                throw QuiverException.data(
                        "predictions", row, column, "expected a class index in 0.." + (k - 1) + ", got " + v + ".");
            }
            out[row] = (int) v;
        }
        return out;
    }
}
