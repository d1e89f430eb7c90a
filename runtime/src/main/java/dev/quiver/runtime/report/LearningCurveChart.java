package dev.quiver.runtime.report;

import dev.quiver.api.model.EpochStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Per-epoch line charts: training and validation loss, the other per-epoch figures a trainer reports
 * ({@link EpochStats#metrics()}), and the learning rate when a schedule changes it. Stateless.
 */
final class LearningCurveChart {

    private static final double PLOT_WIDTH = 380;
    private static final double HEIGHT = 330;
    /** Beyond this many epochs markers would merge into a smear; the line alone reads better. */
    private static final int MAX_MARKED_EPOCHS = 40;

    private LearningCurveChart() {}

    /** Training and validation loss. */
    static String loss(List<EpochStats> history) {
        return loss(history, 0);
    }

    /**
     * Training loss, and validation loss when there are validation rows; on a log10 axis when the values span
     * more than {@link #LOG_SPAN} (a loss falling by orders of magnitude is a flat line at zero otherwise), and
     * with the epoch early stopping chose marked when {@code bestEpoch > 0}.
     */
    static String loss(List<EpochStats> history, int bestEpoch) {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("training", values(history, EpochStats::trainLoss));
        if (hasValidation(history)) {
            series.put("validation", values(history, EpochStats::validationLoss));
        }
        boolean log = spansOrders(series);
        if (log) {
            series.replaceAll((name, values) -> log10(values));
        }
        String title = hasValidation(history) ? "Training and validation loss per epoch" : "Training loss per epoch";
        return render("learning-curves", title, log ? "loss (log10 scale)" : "loss", history, series, bestEpoch, log);
    }

    /** Ratio of largest to smallest loss beyond which the axis is logarithmic. */
    static final double LOG_SPAN = 100;

    /** Whether any epoch has a validation loss. */
    static boolean hasValidation(List<EpochStats> history) {
        return history.stream().anyMatch(e -> Double.isFinite(e.validationLoss()));
    }

    /** Whether the loss axis should be logarithmic (see {@link #loss(List, int)}). */
    static boolean spansOrders(List<EpochStats> history) {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("training", values(history, EpochStats::trainLoss));
        series.put("validation", values(history, EpochStats::validationLoss));
        return spansOrders(series);
    }

    private static boolean spansOrders(Map<String, double[]> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] values : series.values()) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > 0 && hi / lo > LOG_SPAN;
    }

    private static double[] log10(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(values[i]) ? Double.NaN : Math.log10(values[i]);
        }
        return out;
    }

    /** The trainer's other per-epoch figures, one line each in name order; null when it reports none. */
    static String metrics(List<EpochStats> history) {
        TreeSet<String> names = new TreeSet<>();
        history.forEach(e -> names.addAll(e.metrics().keySet()));
        if (names.isEmpty()) {
            return null;
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String name : names) {
            series.put(name, values(history, e -> e.metrics().getOrDefault(name, Double.NaN)));
        }
        return render("epoch-metrics", "Metrics per epoch", "value", history, series, 0, false);
    }

    /** The learning rate; null when it never changes, since a flat line says nothing the pipeline doesn't. */
    static String learningRate(List<EpochStats> history) {
        double[] rates = values(history, EpochStats::learningRate);
        boolean changes = false;
        for (double r : rates) {
            changes |= r != rates[0];
        }
        return changes
                ? render(
                        "learning-rate",
                        "Learning rate per epoch",
                        "learning rate",
                        history,
                        Map.of("learning rate", rates),
                        0,
                        false)
                : null;
    }

    private static String render(
            String id,
            String title,
            String yTitle,
            List<EpochStats> history,
            Map<String, double[]> series,
            int bestEpoch,
            boolean log) {
        int n = history.size();
        double[] epochs = values(history, e -> e.epoch());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] values : series.values()) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        series.forEach((name, values) -> {
            double last = Double.NaN;
            for (double v : values) {
                last = Double.isNaN(v) ? last : v;
            }
            if (!Double.isNaN(last)) {
                labels.put(name, name + " " + Html.number(log ? Math.pow(10, last) : last));
            }
        });
        int longest = labels.values().stream().mapToInt(String::length).max().orElse(10);
        Plot plot = Plot.besideLegend(
                id,
                title,
                PLOT_WIDTH,
                HEIGHT,
                longest,
                Ticks.integers(epochs[0], epochs[n - 1], Math.min(10, Math.max(1, n - 1))),
                Ticks.of(lo, hi, 5),
                "epoch",
                yTitle);
        List<Plot.Entry> legend = new ArrayList<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            legend.add(plot.series(
                    legend.size(),
                    label.getKey(),
                    label.getValue(),
                    epochs,
                    series.get(label.getKey()),
                    n <= MAX_MARKED_EPOCHS));
        }
        if (bestEpoch > 0) {
            plot.vertical(bestEpoch, "best epoch " + bestEpoch);
        }
        plot.legend(legend);
        return plot.svg().close();
    }

    private static double[] values(List<EpochStats> history, ToDoubleFunction<EpochStats> f) {
        double[] out = new double[history.size()];
        for (int i = 0; i < out.length; i++) {
            double v = f.applyAsDouble(history.get(i));
            // An infinite loss (a diverging epoch) has no place on a linear axis; it shows as a gap.
            out[i] = Double.isFinite(v) ? v : Double.NaN;
        }
        return out;
    }
}
