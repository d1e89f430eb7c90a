package dev.quiver.runtime.report;

import java.util.ArrayList;
import java.util.List;

/**
 * ROC and precision-recall charts, one curve per class scored against the rest (just the positive class for a
 * binary task), each labelled with its area in the legend. Stateless.
 */
final class CurveCharts {

    /** A class's curve and its prevalence (the precision of guessing, the PR chart's baseline). */
    record ClassCurve(String label, Curve curve, double prevalence) {
    }

    private static final double WIDTH = 560;
    private static final double HEIGHT = 360;
    private static final double LEGEND = 170;

    private CurveCharts() {
    }

    static String roc(List<ClassCurve> curves) {
        Svg svg = new Svg("roc-curves", "ROC curves: true-positive rate against false-positive rate", WIDTH, HEIGHT);
        Plot plot = plot(svg, "false-positive rate", "true-positive rate");
        plot.reference(0, 0, 1, 1);
        List<Plot.Entry> legend = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            ClassCurve c = curves.get(i);
            String dash = Palette.repeats(i) ? "5 3" : null;
            svg.group("curve");
            plot.line(c.curve().x(), c.curve().y(), Palette.series(i), dash);
            svg.endGroup();
            legend.add(new Plot.Entry(Palette.series(i), dash, c.label() + " (AUC " + Html.number(c.curve().area())
                    + ")"));
        }
        plot.legend(legend);
        return svg.close();
    }

    static String precisionRecall(List<ClassCurve> curves) {
        Svg svg = new Svg("pr-curves", "Precision-recall curves: precision against recall", WIDTH, HEIGHT);
        Plot plot = plot(svg, "recall", "precision");
        if (curves.size() == 1) {
            double base = curves.get(0).prevalence();
            plot.reference(0, base, 1, base);
        }
        List<Plot.Entry> legend = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            ClassCurve c = curves.get(i);
            String dash = Palette.repeats(i) ? "5 3" : null;
            svg.group("curve");
            plot.steps(c.curve().x(), c.curve().y(), Palette.series(i), dash);
            svg.endGroup();
            legend.add(new Plot.Entry(Palette.series(i), dash, c.label() + " (AP " + Html.number(c.curve().area())
                    + ")"));
        }
        plot.legend(legend);
        return svg.close();
    }

    private static Plot plot(Svg svg, String xTitle, String yTitle) {
        double side = Math.min(WIDTH - Plot.MARGIN_LEFT - LEGEND, HEIGHT - Plot.MARGIN_TOP - Plot.MARGIN_BOTTOM);
        return new Plot(svg, Plot.MARGIN_LEFT, Plot.MARGIN_TOP, side, side, Ticks.unit(), Ticks.unit(), xTitle,
                yTitle);
    }
}
