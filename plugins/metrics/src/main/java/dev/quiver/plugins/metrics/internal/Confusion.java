package dev.quiver.plugins.metrics.internal;

import dev.quiver.api.metric.Predictions;

/**
 * The confusion counts of one set of predictions: {@code count(actual, predicted)} over every class, with the
 * row and column sums that precision, recall and their averages are made of. Immutable once built.
 */
public final class Confusion {

    private final long[][] counts;
    private final long[] actualTotals;
    private final long[] predictedTotals;
    private final long total;

    private Confusion(long[][] counts) {
        this.counts = counts;
        int k = counts.length;
        this.actualTotals = new long[k];
        this.predictedTotals = new long[k];
        long sum = 0;
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                actualTotals[a] += counts[a][p];
                predictedTotals[p] += counts[a][p];
                sum += counts[a][p];
            }
        }
        this.total = sum;
    }

    /** Counts the predictions; throws for class indices that are not whole numbers in range. */
    public static Confusion of(Predictions predictions) {
        int k = ClassIndices.classCount(predictions);
        int[] actual = ClassIndices.actual(predictions, k);
        int[] predicted = ClassIndices.predicted(predictions, k);
        long[][] counts = new long[k][k];
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
        return new Confusion(counts);
    }

    public int classCount() {
        return counts.length;
    }

    public long total() {
        return total;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long truePositives(int c) {
        return counts[c][c];
    }

    /** Rows whose true class is {@code c} (sklearn's support). */
    public long actualCount(int c) {
        return actualTotals[c];
    }

    /** Rows predicted as class {@code c}. */
    public long predictedCount(int c) {
        return predictedTotals[c];
    }

    /**
     * Whether class {@code c} occurs in the truth or in the predictions; macro averages run over these classes
     * only, as scikit-learn's do when it is not given a label list.
     */
    public boolean seen(int c) {
        return actualTotals[c] + predictedTotals[c] > 0;
    }

    public long correct() {
        long sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    /** The fraction of correct predictions; NaN for no predictions. */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct() / total;
    }

    /** A copy of the counts, {@code [actual][predicted]}. */
    public long[][] toArray() {
        long[][] copy = new long[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            copy[a] = counts[a].clone();
        }
        return copy;
    }
}
