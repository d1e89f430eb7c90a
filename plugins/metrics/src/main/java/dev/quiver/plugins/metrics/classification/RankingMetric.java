package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.BinaryRanking;
import dev.quiver.plugins.metrics.internal.ScoredRows;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code roc-auc} and {@code pr-auc}: how well the class probabilities rank a class's rows above the others.
 *
 * <p>Binary tasks rank by the positive class's probability (see {@link PositiveClass}). Multiclass tasks take
 * each class against the rest and average without weights, as scikit-learn's {@code roc_auc_score(...,
 * multi_class='ovr', average='macro')} and {@code average_precision_score(..., average='macro')} do; a class
 * for which the score is undefined (absent from the truth) is left out of the average, where sklearn would
 * raise. The value is NaN without probabilities, for no rows, with a NaN probability, or when no class has a
 * defined score (ROC AUC needs both a positive and a negative row). {@link #details} lists each class's score
 * for multiclass tasks. Immutable.
 */
public final class RankingMetric extends ClassificationMetric {

    /** Which area. */
    public enum Kind {
        /** Area under the ROC curve; ties count half. */
        ROC_AUC,
        /** Average precision: precision summed over recall steps, no interpolation. */
        AVERAGE_PRECISION
    }

    private final Kind kind;
    private final String positiveClass;

    /** @param positiveClass the label to score against the rest, or null for the default */
    public RankingMetric(Kind kind, String positiveClass) {
        super(true, Reads.PROBABILITIES);
        this.kind = kind;
        this.positiveClass = positiveClass;
    }

    @Override
    public double compute(Predictions predictions) {
        double[] perClass = perClass(predictions);
        if (perClass == null) {
            return Double.NaN;
        }
        int c = PositiveClass.resolve(positiveClass, predictions);
        if (c != PositiveClass.NONE) {
            return perClass[c];
        }
        double sum = 0;
        int defined = 0;
        for (double v : perClass) {
            if (!Double.isNaN(v)) {
                sum += v;
                defined++;
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }

    @Override
    public Map<String, Object> details(Predictions predictions) {
        double[] perClass = perClass(predictions);
        if (perClass == null || predictions.task() != Task.MULTICLASS) {
            return Map.of();
        }
        Map<String, Object> scores = new LinkedHashMap<>();
        for (int c = 0; c < perClass.length; c++) {
            if (!Double.isNaN(perClass[c])) {
                scores.put(predictions.classes().get(c), perClass[c]);
            }
        }
        return Map.of("perClass", scores);
    }

    /** Each class's one-vs-rest score (NaN where undefined); null when nothing can be scored at all. */
    private double[] perClass(Predictions predictions) {
        ScoredRows rows = ScoredRows.of(predictions);
        if (rows == null) {
            return null;
        }
        double[][] probabilities = rows.probabilities();
        for (double[] row : probabilities) {
            for (double p : row) {
                if (Double.isNaN(p)) {
                    return null;
                }
            }
        }
        int k = rows.classes();
        int[] actual = rows.actual();
        int n = actual.length;
        double[] out = new double[k];
        boolean[] positive = new boolean[n];
        double[] score = new double[n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                positive[i] = actual[i] == c;
                score[i] = probabilities[i][c];
            }
            BinaryRanking ranking = BinaryRanking.of(positive, score);
            out[c] = kind == Kind.ROC_AUC ? ranking.rocAuc() : ranking.averagePrecision();
        }
        return out;
    }
}
