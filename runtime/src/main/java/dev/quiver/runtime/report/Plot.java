package dev.quiver.runtime.report;

import java.util.List;

/**
 * An x-y plot drawn into an {@link Svg}: gridlines and labelled ticks from {@link Ticks}, axis titles, data
 * series in data coordinates, and a legend beside the plot area (never over the data, however many classes).
 * Single use, one thread.
 */
final class Plot {

    /** One legend line: a colour, an optional dash, and its text. */
    record Entry(String color, String dash, String label) {}

    static final double MARGIN_LEFT = 62;
    static final double MARGIN_TOP = 14;
    static final double MARGIN_BOTTOM = 46;
    /** Between the plot area and the legend. */
    static final double LEGEND_GAP = 16;

    private final Svg svg;
    private final double left;
    private final double top;
    private final double width;
    private final double height;
    private final Ticks x;
    private final Ticks y;

    /** Draws the frame; the plot area is {@code width x height} pixels at {@code (left, top)}. */
    Plot(
            Svg svg,
            double left,
            double top,
            double width,
            double height,
            Ticks x,
            Ticks y,
            String xTitle,
            String yTitle) {
        this.svg = svg;
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.x = x;
        this.y = y;
        svg.group("grid");
        for (double v : y.values()) {
            svg.line(left, py(v), left + width, py(v), "gridline");
            svg.text(left - 8, py(v) + 4, y.label(v), "end", "tick");
        }
        for (double v : x.values()) {
            svg.line(px(v), top, px(v), top + height, "gridline");
            svg.text(px(v), top + height + 17, x.label(v), "middle", "tick");
        }
        svg.endGroup();
        svg.rect(left, top, width, height, null, "frame");
        svg.text(left + width / 2, top + height + 38, xTitle, "middle", "axis-title");
        svg.verticalText(left - 46, top + height / 2, yTitle, "axis-title");
    }

    /**
     * A plot with its legend beside it, in a new {@link Svg} of {@code height} pixels, wide enough for a plot
     * area of {@code plotWidth} pixels and legend labels of up to {@code longestLabel} characters.
     */
    static Plot besideLegend(
            String id,
            String title,
            double plotWidth,
            double height,
            int longestLabel,
            Ticks x,
            Ticks y,
            String xTitle,
            String yTitle) {
        double width = MARGIN_LEFT + plotWidth + LEGEND_GAP + 34 + 6.6 * longestLabel + 8;
        return new Plot(
                new Svg(id, title, width, height),
                MARGIN_LEFT,
                MARGIN_TOP,
                plotWidth,
                height - MARGIN_TOP - MARGIN_BOTTOM,
                x,
                y,
                xTitle,
                yTitle);
    }

    /** The drawing this plot is in. */
    Svg svg() {
        return svg;
    }

    /**
     * The {@code index}-th data series of the plot: a line in the palette's colour for that index (dashed once
     * the colours repeat), with a marker on each point when {@code markers}, in a group {@code series-NAME} that a
     * test or a stylesheet can find. Returns its legend line, which reads {@code label}.
     */
    Entry series(int index, String name, String label, double[] xs, double[] ys, boolean markers) {
        String color = Palette.series(index);
        String dash = Palette.repeats(index) ? "5 3" : null;
        svg.group("series-" + name.replaceAll("[^A-Za-z0-9]+", "-"));
        line(xs, ys, color, dash);
        if (markers) {
            points(xs, ys, color, 3, "marker");
        }
        svg.endGroup();
        return new Entry(color, dash, label);
    }

    double px(double v) {
        return left + (v - x.lo()) / (x.hi() - x.lo()) * width;
    }

    double py(double v) {
        return top + height - (v - y.lo()) / (y.hi() - y.lo()) * height;
    }

    /** A line through the points, broken where a value is NaN (an epoch without validation, say). */
    void line(double[] xs, double[] ys, String color, String dash) {
        double[] px = new double[xs.length];
        double[] py = new double[xs.length];
        int start = 0;
        for (int i = 0; i <= xs.length; i++) {
            boolean gap = i == xs.length || Double.isNaN(xs[i]) || Double.isNaN(ys[i]);
            if (gap) {
                if (i - start > 1) {
                    svg.polyline(px, py, start, i, color, dash, "series");
                }
                start = i + 1;
            } else {
                px[i] = px(xs[i]);
                py[i] = py(ys[i]);
            }
        }
    }

    /** A step line as matplotlib's {@code steps-post}: level from each point to the next x, then jump. */
    void steps(double[] xs, double[] ys, String color, String dash) {
        if (xs.length == 0) {
            return;
        }
        double[] sx = new double[2 * xs.length - 1];
        double[] sy = new double[2 * xs.length - 1];
        for (int i = 0; i < xs.length; i++) {
            sx[2 * i] = px(xs[i]);
            sy[2 * i] = py(ys[i]);
            if (i + 1 < xs.length) {
                sx[2 * i + 1] = px(xs[i + 1]);
                sy[2 * i + 1] = py(ys[i]);
            }
        }
        svg.polyline(sx, sy, 0, sx.length, color, dash, "series");
    }

    /** Markers at the points; NaN and infinite ones, which have no place on the axes, are skipped. */
    void points(double[] xs, double[] ys, String color, double radius, String cssClass) {
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                svg.circle(px(xs[i]), py(ys[i]), radius, color, cssClass);
            }
        }
    }

    /** A thin grey reference line in data coordinates (the chance diagonal, zero residual). */
    void reference(double x1, double y1, double x2, double y2) {
        svg.line(px(x1), py(y1), px(x2), py(y2), "reference");
    }

    /** A dashed vertical line across the plot area at {@code x}, labelled at its top (the best epoch, say). */
    void vertical(double x, String label) {
        svg.group("marker-line");
        svg.line(px(x), top, px(x), top + height, "reference");
        svg.text(px(x) + 4, top + 12, label, "start", "tick");
        svg.endGroup();
    }

    /** The legend, one line per entry, to the right of the plot area. */
    void legend(List<Entry> entries) {
        double lx = left + width + LEGEND_GAP;
        double ly = top + 8;
        svg.group("legend");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double cy = ly + i * 20;
            svg.polyline(new double[] {lx, lx + 22}, new double[] {cy, cy}, 0, 2, e.color(), e.dash(), "series");
            svg.text(lx + 28, cy + 4, e.label(), "start", "legend-label");
        }
        svg.endGroup();
    }
}
