package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.Confusion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code confusion-matrix}: the counts of every (true class, predicted class) pair, in {@link #details} as
 * {@code matrix[actual][predicted]} with {@code labels} in class-index order; every class has a row and a column,
 * also one that occurs nowhere. A matrix has no single value, so the headline {@link #compute} is its trace over
 * its total, i.e. accuracy, which keeps the metric usable for model selection (higher is better). Stateless.
 */
public final class ConfusionMatrix extends ClassificationMetric {

    private static final Accuracy HEADLINE = new Accuracy();

    public ConfusionMatrix() {
        super(HEADLINE.higherIsBetter(), Reads.LABELS);
    }

    @Override
    public double compute(Predictions predictions) {
        return HEADLINE.compute(predictions);
    }

    @Override
    public Map<String, Object> details(Predictions predictions) {
        Confusion confusion = Confusion.of(predictions);
        List<String> labels = new ArrayList<>();
        List<List<Long>> matrix = new ArrayList<>();
        for (int a = 0; a < confusion.classCount(); a++) {
            labels.add(a < predictions.classes().size() ? predictions.classes().get(a) : Integer.toString(a));
            List<Long> row = new ArrayList<>();
            for (int p = 0; p < confusion.classCount(); p++) {
                row.add(confusion.count(a, p));
            }
            matrix.add(List.copyOf(row));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("labels", List.copyOf(labels));
        details.put("matrix", List.copyOf(matrix));
        return details;
    }
}
