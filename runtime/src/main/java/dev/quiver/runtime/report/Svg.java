package dev.quiver.runtime.report;

import static dev.quiver.runtime.report.Html.coord;
import static dev.quiver.runtime.report.Html.escape;

/**
 * One inline SVG chart being written. Its size is a {@code viewBox}, so the page's CSS scales it; colours of data
 * come as attributes, everything else (fonts, axis strokes) from the page's classes. Single use, one thread.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder(4096);

    /**
     * The chart scales down with the page but never beyond its natural size, so text keeps one size everywhere.
     *
     * @param id the element id (tests and the page's anchors use it)
     * @param title what the chart shows, for screen readers and as a tooltip
     */
    Svg(String id, String title, double width, double height) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"")
                .append(escape(id))
                .append("\" viewBox=\"0 0 ")
                .append(coord(width))
                .append(' ')
                .append(coord(height))
                .append("\" style=\"max-width:")
                .append(coord(width))
                .append("px")
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(title))
                .append("\">")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n");
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        out.append("<line class=\"")
                .append(cssClass)
                .append("\" x1=\"")
                .append(coord(x1))
                .append("\" y1=\"")
                .append(coord(y1))
                .append("\" x2=\"")
                .append(coord(x2))
                .append("\" y2=\"")
                .append(coord(y2))
                .append("\"/>\n");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String cssClass) {
        out.append("<rect class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(coord(x))
                .append("\" y=\"")
                .append(coord(y))
                .append("\" width=\"")
                .append(coord(w))
                .append("\" height=\"")
                .append(coord(h))
                .append('"');
        if (fill != null) {
            out.append(" fill=\"").append(fill).append('"');
        }
        out.append("/>\n");
        return this;
    }

    /** Text anchored at {@code start}, {@code middle} or {@code end} of {@code (x, y)}. */
    Svg text(double x, double y, String text, String anchor, String cssClass) {
        return text(x, y, text, anchor, cssClass, null);
    }

    /** Text with an optional fill, e.g. white on a dark cell. */
    Svg text(double x, double y, String text, String anchor, String cssClass, String fill) {
        out.append("<text class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(coord(x))
                .append("\" y=\"")
                .append(coord(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append('"');
        if (fill != null) {
            out.append(" fill=\"").append(fill).append('"');
        }
        out.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** Text turned a quarter counter-clockwise about its anchor: a vertical axis title. */
    Svg verticalText(double x, double y, String text, String cssClass) {
        return rotatedText(x, y, text, -90, "middle", cssClass);
    }

    /** Text turned by {@code degrees} (clockwise) about its anchor point. */
    Svg rotatedText(double x, double y, String text, double degrees, String anchor, String cssClass) {
        out.append("<text class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(coord(x))
                .append("\" y=\"")
                .append(coord(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" transform=\"rotate(")
                .append(coord(degrees))
                .append(' ')
                .append(coord(x))
                .append(' ')
                .append(coord(y))
                .append(")\">")
                .append(escape(text))
                .append("</text>\n");
        return this;
    }

    /**
     * A polyline through pixel points; {@code dash} may be null. A point closer than {@link #SAME_PIXEL} to the
     * last one written in both directions is left out (the last point always stays): the ROC curve of a million
     * distinct scores then costs a few thousand points, drawn identically, instead of megabytes.
     */
    Svg polyline(double[] xs, double[] ys, int from, int to, String stroke, String dash, String cssClass) {
        out.append("<polyline class=\"")
                .append(cssClass)
                .append("\" stroke=\"")
                .append(stroke)
                .append('"');
        if (dash != null) {
            out.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        out.append(" points=\"");
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i = from; i < to; i++) {
            boolean last = i == to - 1;
            if (!last && Math.abs(xs[i] - lastX) < SAME_PIXEL && Math.abs(ys[i] - lastY) < SAME_PIXEL) {
                continue;
            }
            if (i > from) {
                out.append(' ');
            }
            out.append(coord(xs[i])).append(',').append(coord(ys[i]));
            lastX = xs[i];
            lastY = ys[i];
        }
        out.append("\"/>\n");
        return this;
    }

    /** A quarter of a pixel: points nearer than this to the previous one cannot change the drawing. */
    private static final double SAME_PIXEL = 0.25;

    Svg circle(double cx, double cy, double r, String fill, String cssClass) {
        out.append("<circle class=\"")
                .append(cssClass)
                .append("\" cx=\"")
                .append(coord(cx))
                .append("\" cy=\"")
                .append(coord(cy))
                .append("\" r=\"")
                .append(coord(r))
                .append("\" fill=\"")
                .append(fill)
                .append("\"/>\n");
        return this;
    }

    /** Starts a group, e.g. one data series, so a test or a stylesheet can find it. */
    Svg group(String cssClass) {
        out.append("<g class=\"").append(cssClass).append("\">\n");
        return this;
    }

    Svg endGroup() {
        out.append("</g>\n");
        return this;
    }

    String close() {
        return out.append("</svg>\n").toString();
    }
}
