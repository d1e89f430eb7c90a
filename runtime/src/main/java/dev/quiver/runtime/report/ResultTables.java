package dev.quiver.runtime.report;

import static dev.quiver.runtime.report.Html.escape;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Per-row and per-class views of the evaluated split: the precision/recall/F1 table per class, the calibration
 * curve of a binary classifier, and the rows with the largest errors (by their {@code row} id in
 * predictions.arrow). Stateless.
 */
final class ResultTables {

    /** Rows listed in the largest-errors table. */
    static final int WORST_ROWS = 10;
    /** Bins of the calibration curve (scikit-learn's default). */
    static final int CALIBRATION_BINS = 10;

    private ResultTables() {}

    static void append(StringBuilder page, Predictions predictions, String on) {
        if (predictions == null || predictions.size() == 0) {
            return;
        }
        ReportWriter.section(page, "results", "Per class and per row" + on);
        if (predictions.task().isClassification()) {
            perClass(page, predictions);
            if (predictions.task() == Task.BINARY && predictions.probabilities() != null) {
                calibration(page, predictions);
            }
        }
        worst(page, predictions);
        page.append("</section>\n");
    }

    /** Precision, recall, F1 and support per class, as scikit-learn's classification_report (0 when undefined). */
    static double[][] perClassScores(Predictions p) {
        int k = p.classes().size();
        long[] tp = new long[k];
        long[] predicted = new long[k];
        long[] actual = new long[k];
        for (int i = 0; i < p.size(); i++) {
            int a = (int) p.actual()[i];
            int g = (int) p.predicted()[i];
            actual[a]++;
            predicted[g]++;
            tp[a] += a == g ? 1 : 0;
        }
        double[][] out = new double[k][4];
        for (int c = 0; c < k; c++) {
            double precision = predicted[c] == 0 ? 0 : (double) tp[c] / predicted[c];
            double recall = actual[c] == 0 ? 0 : (double) tp[c] / actual[c];
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out[c] = new double[] {precision, recall, f1, actual[c]};
        }
        return out;
    }

    private static void perClass(StringBuilder page, Predictions p) {
        double[][] scores = perClassScores(p);
        page.append("<h3>Precision, recall and F1 per class</h3>\n<table id=\"per-class\">\n<thead><tr>")
                .append("<th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead>\n")
                .append("<tbody>\n");
        for (int c = 0; c < scores.length; c++) {
            page.append("<tr><td>").append(escape(p.classes().get(c))).append("</td>");
            for (int j = 0; j < 3; j++) {
                page.append("<td>").append(escape(Html.number(scores[c][j]))).append("</td>");
            }
            page.append("<td>").append(Html.count((long) scores[c][3])).append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private static void calibration(StringBuilder page, Predictions p) {
        boolean[] positive = new boolean[p.size()];
        double[] probability = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            positive[i] = p.actual()[i] == 1;
            probability[i] = p.probabilities()[i][1];
        }
        double[][] curve = Calibration.curve(positive, probability, CALIBRATION_BINS);
        ReportWriter.figure(
                page,
                XYChart.render(
                        "calibration",
                        "Calibration curve",
                        "mean predicted P(" + p.classes().get(1) + ")",
                        "share of " + p.classes().get(1),
                        Map.of("model", curve),
                        true,
                        true),
                "Rows binned by predicted probability (10 equal-width bins); a calibrated model follows the dashed "
                        + "diagonal.");
    }

    private static void worst(StringBuilder page, Predictions p) {
        boolean classification = p.task().isClassification();
        if (classification && p.probabilities() == null) {
            return;
        }
        List<Integer> top = largestErrors(p, WORST_ROWS);
        page.append("<h3>Rows with the largest errors</h3>\n<table id=\"largest-errors\">\n<thead><tr><th>row</th>");
        if (classification) {
            page.append("<th>actual</th><th>predicted</th><th>P(actual)</th></tr></thead>\n<tbody>\n");
        } else {
            page.append("<th>actual</th><th>predicted</th><th>error</th></tr></thead>\n<tbody>\n");
        }
        for (int i : top) {
            page.append("<tr><td>").append(i).append("</td>");
            if (classification) {
                page.append("<td>")
                        .append(escape(p.classes().get((int) p.actual()[i])))
                        .append("</td><td>")
                        .append(escape(p.classes().get((int) p.predicted()[i])))
                        .append("</td><td>")
                        .append(escape(Html.number(p.probabilities()[i][(int) p.actual()[i]])))
                        .append("</td>");
            } else {
                page.append("<td>")
                        .append(escape(Html.number(p.actual()[i])))
                        .append("</td><td>")
                        .append(escape(Html.number(p.predicted()[i])))
                        .append("</td><td>")
                        .append(escape(Html.number(p.predicted()[i] - p.actual()[i])))
                        .append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n<p class=\"note\">row is the row's position in the evaluated split, as in ")
                .append("predictions.arrow; ")
                .append(classification ? "ranked by the probability given to the true class." : "ranked by |error|.")
                .append("</p>\n");
    }

    /**
     * The {@code count} rows with the largest errors, largest first, ties by row: a bounded heap, so a million-row
     * test split costs a pass and {@code count} log {@code count} steps, not a sort of boxed row numbers. A NaN
     * error ranks after every number, as a full sort by {@code -error} would put it.
     */
    static List<Integer> largestErrors(Predictions p, int count) {
        double[] errors = new double[p.size()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = error(p, i);
        }
        Comparator<Integer> rank = (a, b) -> {
            int byError = Double.compare(-errors[a], -errors[b]);
            return byError != 0 ? byError : Integer.compare(a, b);
        };
        PriorityQueue<Integer> kept = new PriorityQueue<>(count + 1, rank.reversed()); // the worst-ranked on top
        for (int i = 0; i < errors.length; i++) {
            if (kept.size() < count) {
                kept.add(i);
            } else if (count > 0 && rank.compare(i, kept.peek()) < 0) {
                kept.poll();
                kept.add(i);
            }
        }
        List<Integer> top = new ArrayList<>(kept);
        top.sort(rank);
        return top;
    }

    /** A classifier's error is 1 - P(true class); a regressor's is |predicted - actual|. */
    private static double error(Predictions p, int i) {
        if (p.task().isClassification()) {
            return 1 - p.probabilities()[i][(int) p.actual()[i]];
        }
        return Math.abs(p.predicted()[i] - p.actual()[i]);
    }
}
