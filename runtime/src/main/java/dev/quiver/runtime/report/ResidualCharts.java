package dev.quiver.runtime.report;

/**
 * Regression diagnostics as scatter plots: residual ({@code actual - predicted}) against prediction, where a
 * good model leaves a shapeless band around zero, and actual against predicted, where it hugs the diagonal.
 * Large sets are thinned to every k-th row, deterministically, so the page stays light. Stateless.
 */
final class ResidualCharts {

    /** Enough points to show the shape of any cloud; more only make the page heavy. */
    static final int MAX_POINTS = 4000;

    private static final double WIDTH = 560;
    private static final double HEIGHT = 360;
    private static final double RIGHT = 20;

    private ResidualCharts() {}

    /** The stride that keeps at most {@link #MAX_POINTS} points. */
    static int stride(int rows) {
        return Math.max(1, (rows + MAX_POINTS - 1) / MAX_POINTS);
    }

    static String residuals(double[] actual, double[] predicted) {
        int stride = stride(actual.length);
        int n = (actual.length + stride - 1) / stride;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = predicted[i * stride];
            ys[i] = actual[i * stride] - predicted[i * stride];
        }
        double bound = Math.max(Math.abs(min(ys)), Math.abs(max(ys)));
        Svg svg = new Svg("residuals", "Residuals (actual - predicted) against predicted values", WIDTH, HEIGHT);
        Ticks x = Ticks.of(min(xs), max(xs), 6);
        Plot plot = plot(svg, x, Ticks.of(-bound, bound, 6), "predicted", "residual (actual − predicted)");
        svg.group("points");
        plot.points(xs, ys, Palette.series(0), 2.5, "dot");
        svg.endGroup();
        plot.reference(x.lo(), 0, x.hi(), 0);
        return svg.close();
    }

    static String actualVsPredicted(double[] actual, double[] predicted) {
        int stride = stride(actual.length);
        int n = (actual.length + stride - 1) / stride;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = predicted[i * stride];
            ys[i] = actual[i * stride];
        }
        double lo = Math.min(min(xs), min(ys));
        double hi = Math.max(max(xs), max(ys));
        Ticks ticks = Ticks.of(lo, hi, 6);
        Svg svg = new Svg("actual-vs-predicted", "Actual against predicted values", WIDTH, HEIGHT);
        Plot plot = plot(svg, ticks, ticks, "predicted", "actual");
        plot.reference(ticks.lo(), ticks.lo(), ticks.hi(), ticks.hi());
        svg.group("points");
        plot.points(xs, ys, Palette.series(0), 2.5, "dot");
        svg.endGroup();
        return svg.close();
    }

    private static Plot plot(Svg svg, Ticks x, Ticks y, String xTitle, String yTitle) {
        return new Plot(
                svg,
                Plot.MARGIN_LEFT + 8,
                Plot.MARGIN_TOP,
                WIDTH - Plot.MARGIN_LEFT - 8 - RIGHT,
                HEIGHT - Plot.MARGIN_TOP - Plot.MARGIN_BOTTOM,
                x,
                y,
                xTitle,
                yTitle);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.min(m, d);
            }
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.max(m, d);
            }
        }
        return m;
    }
}
