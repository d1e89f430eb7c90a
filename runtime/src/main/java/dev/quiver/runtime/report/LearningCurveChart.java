package dev.quiver.runtime.report;

import dev.quiver.api.model.EpochStats;
import java.util.ArrayList;
import java.util.List;

/** The training and validation loss per epoch, as one line chart. Stateless. */
final class LearningCurveChart {

    private static final double WIDTH = 600;
    private static final double HEIGHT = 330;
    private static final double LEGEND = 150;
    /** Beyond this many epochs markers would merge into a smear; the line alone reads better. */
    private static final int MAX_MARKED_EPOCHS = 40;

    private LearningCurveChart() {
    }

    static String render(List<EpochStats> history) {
        int n = history.size();
        double[] epochs = new double[n];
        double[] train = new double[n];
        double[] validation = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            EpochStats e = history.get(i);
            epochs[i] = e.epoch();
            train[i] = finiteOrNaN(e.trainLoss());
            validation[i] = finiteOrNaN(e.validationLoss());
            for (double v : new double[] {train[i], validation[i]}) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Svg svg = new Svg("learning-curves", "Training and validation loss per epoch", WIDTH, HEIGHT);
        Plot plot = new Plot(svg, Plot.MARGIN_LEFT, Plot.MARGIN_TOP, WIDTH - Plot.MARGIN_LEFT - LEGEND,
                HEIGHT - Plot.MARGIN_TOP - Plot.MARGIN_BOTTOM,
                Ticks.integers(epochs[0], epochs[n - 1], Math.min(10, Math.max(1, n - 1))), Ticks.of(lo, hi, 5),
                "epoch", "loss");
        List<Plot.Entry> legend = new ArrayList<>();
        series(plot, svg, epochs, train, Palette.series(0), "train-loss", "training", legend);
        series(plot, svg, epochs, validation, Palette.series(1), "validation-loss", "validation", legend);
        plot.legend(legend);
        return svg.close();
    }

    private static void series(Plot plot, Svg svg, double[] epochs, double[] loss, String color, String cssClass,
            String name, List<Plot.Entry> legend) {
        double last = Double.NaN;
        for (double v : loss) {
            last = Double.isNaN(v) ? last : v;
        }
        if (Double.isNaN(last)) {
            return;
        }
        svg.group(cssClass);
        plot.line(epochs, loss, color, null);
        if (epochs.length <= MAX_MARKED_EPOCHS) {
            plot.points(epochs, loss, color, 3, "marker");
        }
        svg.endGroup();
        legend.add(new Plot.Entry(color, null, name + " " + Html.number(last)));
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
