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
        double width = Plot.MARGIN_LEFT + PLOT_WIDTH + Plot.LEGEND_GAP + 34 + 6.6 * longest + 8;
        Svg svg = new Svg(id, title, width, HEIGHT);
        Plot plot = new Plot(
                svg,
                Plot.MARGIN_LEFT,
                Plot.MARGIN_TOP,
                PLOT_WIDTH,
                HEIGHT - Plot.MARGIN_TOP - Plot.MARGIN_BOTTOM,
                unit ? Ticks.unit() : Ticks.of(xlo, xhi, 5),
                unit ? Ticks.unit() : Ticks.of(ylo, yhi, 5),
                xTitle,
                yTitle);
        if (diagonal) {
            plot.reference(0, 0, 1, 1);
        }
        List<Plot.Entry> legend = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, double[][]> s : new LinkedHashMap<>(series).entrySet()) {
            String color = Palette.series(i);
            String dash = Palette.repeats(i++) ? "5 3" : null;
            svg.group("series-" + s.getKey().replaceAll("[^A-Za-z0-9]+", "-"));
            plot.line(s.getValue()[0], s.getValue()[1], color, dash);
            if (s.getValue()[0].length <= 40) {
                plot.points(s.getValue()[0], s.getValue()[1], color, 3, "marker");
            }
            svg.endGroup();
            legend.add(new Plot.Entry(color, dash, s.getKey()));
        }
        plot.legend(legend);
        return svg.close();
    }
}
