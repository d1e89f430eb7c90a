package dev.quiver.runtime.report;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The classification part of the report: the confusion matrix, and ROC and precision-recall curves when the
 * model gives class probabilities (the positive class for a binary task, each class against the rest for a
 * multiclass one). Stateless.
 */
final class ClassificationSection {

    private ClassificationSection() {}

    static void append(StringBuilder page, Predictions predictions, String on) {
        List<String> labels = labels(predictions);
        int[] actual = indices(predictions.actual(), labels.size(), "actual");
        int[] predicted = indices(predictions.predicted(), labels.size(), "predicted");
        long[][] counts = new long[labels.size()][labels.size()];
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
        ReportWriter.section(page, "diagnostics", "Predictions" + on);
        page.append("<div class=\"charts\">\n");
        ReportWriter.figure(
                page,
                ConfusionMatrixChart.render(counts, labels),
                "Rows are true classes, columns " + "predicted ones; shading is each cell's share of its row. "
                        + Html.count(actual.length) + " rows.");
        double[][] probabilities = predictions.probabilities();
        if (probabilities != null && probabilities.length == actual.length) {
            curves(page, predictions.task(), labels, actual, probabilities);
        }
        page.append("</div>\n");
        if (probabilities == null) {
            page.append("<p class=\"note\">The model gives no class probabilities, so there are no ROC or "
                    + "precision-recall curves.</p>\n");
        }
        page.append("</section>\n");
    }

    private static void curves(
            StringBuilder page, Task task, List<String> labels, int[] actual, double[][] probabilities) {
        List<CurveCharts.ClassCurve> roc = new ArrayList<>();
        List<CurveCharts.ClassCurve> pr = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int first = task == Task.BINARY ? 1 : 0;
        for (int c = first; c < labels.size(); c++) {
            boolean[] positive = new boolean[actual.length];
            double[] score = new double[actual.length];
            int positives = 0;
            for (int i = 0; i < actual.length; i++) {
                positive[i] = actual[i] == c;
                positives += positive[i] ? 1 : 0;
                score[i] = c < probabilities[i].length ? probabilities[i][c] : Double.NaN;
            }
            String label = labels.get(c);
            double prevalence = (double) positives / actual.length;
            Optional<Curve> r = Curves.roc(positive, score);
            r.ifPresent(curve -> roc.add(new CurveCharts.ClassCurve(label, curve, prevalence)));
            Curves.precisionRecall(positive, score)
                    .ifPresent(curve -> pr.add(new CurveCharts.ClassCurve(label, curve, prevalence)));
            if (r.isEmpty()) {
                missing.add(label);
            }
        }
        String which = task == Task.BINARY
                ? "Positive class " + labels.get(1) + " against " + labels.get(0) + "."
                : "Each class against all others.";
        String gaps = missing.isEmpty()
                ? ""
                : " No curve for " + String.join(", ", missing)
                        + ": the split needs rows of the class and rows of others.";
        if (!roc.isEmpty()) {
            ReportWriter.figure(page, CurveCharts.roc(roc), which + " The dashed diagonal is guessing." + gaps);
        }
        if (!pr.isEmpty()) {
            String baseline = task == Task.BINARY ? " The dashed line is the positive rate, what guessing gets." : "";
            ReportWriter.figure(page, CurveCharts.precisionRecall(pr), which + baseline + gaps);
        }
    }

    /** The class labels, or the indices as text when the caller gave none. */
    private static List<String> labels(Predictions predictions) {
        if (!predictions.classes().isEmpty()) {
            return predictions.classes();
        }
        double max = 0;
        for (int i = 0; i < predictions.size(); i++) {
            max = Math.max(max, Math.max(predictions.actual()[i], predictions.predicted()[i]));
        }
        List<String> labels = new ArrayList<>();
        for (int c = 0; c <= (int) max; c++) {
            labels.add(Integer.toString(c));
        }
        return labels;
    }

    private static int[] indices(double[] values, int classes, String what) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                throw new IllegalArgumentException("Row " + i + " of the " + what + " classes is " + v
                        + ", not a class index in 0.." + (classes - 1) + ".");
            }
            out[i] = (int) v;
        }
        return out;
    }
}
