package dev.quiver.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line chart of one or more series over shared x values, with markers and a legend: what partial dependence
 * and the calibration curve need. Stateless.
 */
final class XYChart {

    private static final double PLOT_WIDTH = 360;
    private static final double HEIGHT = 300;

    private XYChart() {}

    /**
     * @param diagonal whether to draw the dashed {@code y = x} reference (a perfectly calibrated classifier)
     * @param unit whether both axes run from 0 to 1
     */
    static String render(
            String id,
            String title,
            String xTitle,
            String yTitle,
            Map<String, double[][]> series,
            boolean diagonal,
            boolean unit) {
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        for (double[][] xy : series.values()) {
            for (int i = 0; i < xy[0].length; i++) {
                if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
                    xlo = Math.min(xlo, xy[0][i]);
                    xhi = Math.max(xhi, xy[0][i]);
                    ylo = Math.min(ylo, xy[1][i]);
                    yhi = Math.max(yhi, xy[1][i]);
                }
            }
        }
        if (xlo > xhi) {
            xlo = 0;
            xhi = 1;
            ylo = 0;
            yhi = 1;
        }
        int longest = series.keySet().stream().mapToInt(String::length).max().orElse(8);
        Plot plot = Plot.besideLegend(
                id,
                title,
                PLOT_WIDTH,
                HEIGHT,
                longest,
                unit ? Ticks.unit() : Ticks.of(xlo, xhi, 5),
                unit ? Ticks.unit() : Ticks.of(ylo, yhi, 5),
                xTitle,
                yTitle);
        if (diagonal) {
            plot.reference(0, 0, 1, 1);
        }
        List<Plot.Entry> legend = new ArrayList<>();
        for (Map.Entry<String, double[][]> s : new LinkedHashMap<>(series).entrySet()) {
            double[][] xy = s.getValue();
            legend.add(plot.series(legend.size(), s.getKey(), s.getKey(), xy[0], xy[1], xy[0].length <= 40));
        }
        plot.legend(legend);
        return plot.svg().close();
    }
}
