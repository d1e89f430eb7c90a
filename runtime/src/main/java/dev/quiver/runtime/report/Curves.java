package dev.quiver.runtime.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * ROC and precision-recall curves of one class's scores, point for point as scikit-learn 1.2's {@code roc_curve}
 * (with {@code drop_intermediate=True}) and {@code precision_recall_curve}; tied scores make one point. The
 * metrics plugin computes the same areas on its own, since the runtime depends on no plugin. Stateless.
 */
final class Curves {

    private Curves() {}

    /** True and false positives at each distinct score, highest score first. */
    private record Counts(long[] tps, long[] fps, double[] thresholds) {

        long positives() {
            return tps[tps.length - 1];
        }

        long negatives() {
            return fps[fps.length - 1];
        }
    }

    /** The ROC curve; empty when either class is missing, since a rate over zero rows is undefined. */
    static Optional<Curve> roc(boolean[] positive, double[] score) {
        Counts counts = count(positive, score);
        if (counts == null || counts.positives() == 0 || counts.negatives() == 0) {
            return Optional.empty();
        }
        int n = counts.tps.length;
        // Keep the ends and every corner: a point on a straight run adds nothing to the plot or the area.
        int[] keep = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean corner = i == 0
                    || i == n - 1
                    || counts.fps[i - 1] - 2 * counts.fps[i] + counts.fps[i + 1] != 0
                    || counts.tps[i - 1] - 2 * counts.tps[i] + counts.tps[i + 1] != 0;
            if (corner) {
                keep[kept++] = i;
            }
        }
        double[] fpr = new double[kept + 1];
        double[] tpr = new double[kept + 1];
        double[] thresholds = new double[kept + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        double p = counts.positives();
        double q = counts.negatives();
        double area = 0;
        for (int j = 0; j < kept; j++) {
            int i = keep[j];
            fpr[j + 1] = counts.fps[i] / q;
            tpr[j + 1] = counts.tps[i] / p;
            thresholds[j + 1] = counts.thresholds[i];
            area += (fpr[j + 1] - fpr[j]) * (tpr[j + 1] + tpr[j]) / 2;
        }
        return Optional.of(new Curve(fpr, tpr, thresholds, area));
    }

    /**
     * The precision-recall curve, from the lowest threshold (full recall) up, ending at recall 0 and precision 1
     * as sklearn's; empty when there are no positives.
     */
    static Optional<Curve> precisionRecall(boolean[] positive, double[] score) {
        Counts counts = count(positive, score);
        if (counts == null || counts.positives() == 0) {
            return Optional.empty();
        }
        int n = counts.tps.length;
        double[] precision = new double[n + 1];
        double[] recall = new double[n + 1];
        double[] thresholds = new double[n];
        double p = counts.positives();
        for (int j = 0; j < n; j++) {
            int i = n - 1 - j;
            precision[j] = (double) counts.tps[i] / (counts.tps[i] + counts.fps[i]);
            recall[j] = counts.tps[i] / p;
            thresholds[j] = counts.thresholds[i];
        }
        precision[n] = 1;
        recall[n] = 0;
        double area = 0;
        for (int j = 0; j < n; j++) {
            area += (recall[j] - recall[j + 1]) * precision[j];
        }
        return Optional.of(new Curve(recall, precision, thresholds, area));
    }

    /** Null for no rows or a NaN score, which ranks nowhere. */
    private static Counts count(boolean[] positive, double[] score) {
        if (positive.length != score.length) {
            throw new IllegalArgumentException("labels and scores differ in length");
        }
        int p = 0;
        for (int i = 0; i < score.length; i++) {
            if (Double.isNaN(score[i])) {
                return null;
            }
            p += positive[i] ? 1 : 0;
        }
        if (score.length == 0) {
            return null;
        }
        // Sorting the two classes apart as primitive arrays and merging from the top beats sorting boxed indices.
        double[] pos = new double[p];
        double[] neg = new double[score.length - p];
        for (int i = 0, a = 0, b = 0; i < score.length; i++) {
            if (positive[i]) {
                pos[a++] = score[i];
            } else {
                neg[b++] = score[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long[] tps = new long[score.length];
        long[] fps = new long[score.length];
        double[] thresholds = new double[score.length];
        int points = 0;
        long tp = 0;
        long fp = 0;
        for (int i = pos.length - 1, j = neg.length - 1; i >= 0 || j >= 0; points++) {
            double t = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            for (; i >= 0 && pos[i] == t; i--) {
                tp++;
            }
            for (; j >= 0 && neg[j] == t; j--) {
                fp++;
            }
            tps[points] = tp;
            fps[points] = fp;
            thresholds[points] = t;
        }
        return new Counts(Arrays.copyOf(tps, points), Arrays.copyOf(fps, points), Arrays.copyOf(thresholds, points));
    }
}
