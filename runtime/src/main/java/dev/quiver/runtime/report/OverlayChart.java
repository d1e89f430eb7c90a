package dev.quiver.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One figure per epoch drawn for several runs in one plot (a comparison's learning curves): each run its own
 * colour and its own epochs, legend beside the plot with each run's last value. The same frame, ticks and palette as
 * {@link LearningCurveChart}. Stateless.
 */
final class OverlayChart {

    private static final double PLOT_WIDTH = 420;
    private static final double HEIGHT = 330;

    /** A run's curve: its epochs and one value per epoch (NaN where it has none). */
    record Series(double[] epochs, double[] values) {}

    private OverlayChart() {}

    /** The chart, or null when no run has a finite value to draw. */
    static String render(String id, String title, String yTitle, Map<String, Series> runs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Series> run : runs.entrySet()) {
            Series s = run.getValue();
            double end = Double.NaN;
            for (int i = 0; i < s.values().length; i++) {
                double v = s.values()[i];
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    first = Math.min(first, s.epochs()[i]);
                    last = Math.max(last, s.epochs()[i]);
                    end = v;
                }
            }
            if (!Double.isNaN(end)) {
                labels.put(run.getKey(), run.getKey() + " " + Html.number(end));
            }
        }
        if (labels.isEmpty()) {
            return null;
        }
        int longest = labels.values().stream().mapToInt(String::length).max().orElse(10);
        Plot plot = Plot.besideLegend(
                id,
                title,
                PLOT_WIDTH,
                HEIGHT,
                longest,
                Ticks.integers(first, last, (int) Math.min(10, Math.max(1, last - first))),
                Ticks.of(lo, hi, 5),
                "epoch",
                yTitle);
        List<Plot.Entry> legend = new ArrayList<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            Series s = runs.get(label.getKey());
            legend.add(plot.series(
                    legend.size(), label.getKey(), label.getValue(), s.epochs(), finite(s.values()), false));
        }
        plot.legend(legend);
        return plot.svg().close();
    }

    private static double[] finite(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(out[i]) ? out[i] : Double.NaN; // a gap, as on the run's own report
        }
        return out;
    }
}
