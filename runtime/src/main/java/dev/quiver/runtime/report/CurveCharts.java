package dev.quiver.runtime.report;

import java.util.ArrayList;
import java.util.List;

/**
 * ROC and precision-recall charts, one curve per class scored against the rest (just the positive class for a
 * binary task), each labelled with its area in the legend. Stateless.
 */
final class CurveCharts {

    /** A class's curve and its prevalence (the precision of guessing, the PR chart's baseline). */
    record ClassCurve(String label, Curve curve, double prevalence) {}

    /** The square plot area's side. */
    private static final double SIDE = 300;

    private static final int MAX_LABEL = 22;

    private CurveCharts() {}

    static String roc(List<ClassCurve> curves) {
        List<String> labels = legendLabels(curves, "AUC");
        Svg svg = new Svg(
                "roc-curves",
                "ROC curves: true-positive rate against false-positive rate",
                width(labels),
                height(labels));
        Plot plot = plot(svg, "false-positive rate", "true-positive rate");
        plot.reference(0, 0, 1, 1);
        List<Plot.Entry> legend = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            String dash = Palette.repeats(i) ? "5 3" : null;
            svg.group("curve");
            plot.line(curves.get(i).curve().x(), curves.get(i).curve().y(), Palette.series(i), dash);
            svg.endGroup();
            legend.add(new Plot.Entry(Palette.series(i), dash, labels.get(i)));
        }
        plot.legend(legend);
        return svg.close();
    }

    static String precisionRecall(List<ClassCurve> curves) {
        List<String> labels = legendLabels(curves, "AP");
        Svg svg = new Svg(
                "pr-curves", "Precision-recall curves: precision against recall", width(labels), height(labels));
        Plot plot = plot(svg, "recall", "precision");
        if (curves.size() == 1) {
            double base = curves.get(0).prevalence();
            plot.reference(0, base, 1, base);
        }
        List<Plot.Entry> legend = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            String dash = Palette.repeats(i) ? "5 3" : null;
            svg.group("curve");
            plot.steps(curves.get(i).curve().x(), curves.get(i).curve().y(), Palette.series(i), dash);
            svg.endGroup();
            legend.add(new Plot.Entry(Palette.series(i), dash, labels.get(i)));
        }
        plot.legend(legend);
        return svg.close();
    }

    private static List<String> legendLabels(List<ClassCurve> curves, String area) {
        List<String> labels = new ArrayList<>();
        for (ClassCurve c : curves) {
            String name =
                    c.label().length() <= MAX_LABEL ? c.label() : c.label().substring(0, MAX_LABEL - 1) + "…";
            labels.add(name + " (" + area + " " + Html.number(c.curve().area()) + ")");
        }
        return labels;
    }

    /** Wide enough for the longest legend line, at about 6.6 px per character of 12 px text. */
    private static double width(List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(10);
        return Plot.MARGIN_LEFT + SIDE + Plot.LEGEND_GAP + 34 + 6.6 * longest + 8;
    }

    /** Tall enough for the plot and for a legend of many classes. */
    private static double height(List<String> labels) {
        return Math.max(Plot.MARGIN_TOP + SIDE + Plot.MARGIN_BOTTOM, Plot.MARGIN_TOP + 8 + 20 * labels.size());
    }

    private static Plot plot(Svg svg, String xTitle, String yTitle) {
        return new Plot(svg, Plot.MARGIN_LEFT, Plot.MARGIN_TOP, SIDE, SIDE, Ticks.unit(), Ticks.unit(), xTitle, yTitle);
    }
}
