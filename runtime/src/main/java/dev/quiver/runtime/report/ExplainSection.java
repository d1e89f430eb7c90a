package dev.quiver.runtime.report;

import static dev.quiver.runtime.report.Html.escape;

import dev.quiver.runtime.explain.Coefficients;
import dev.quiver.runtime.explain.FeatureImportance;
import dev.quiver.runtime.explain.Importances;
import dev.quiver.runtime.explain.PartialDependence;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The report's "why" section: permutation importance (a table with bars), a linear model's coefficients by
 * feature, and partial dependence curves for the top features. Stateless.
 */
final class ExplainSection {

    private ExplainSection() {}

    static void append(StringBuilder page, Insights insights) {
        Importances importance = insights.importance();
        Coefficients coefficients = insights.coefficients();
        if (importance == null
                && coefficients == null
                && insights.partialDependence().isEmpty()) {
            return;
        }
        ReportWriter.section(page, "explain", "Why the model predicts what it does");
        if (importance != null) {
            importance(page, importance);
        }
        if (coefficients != null) {
            coefficients(page, coefficients);
        }
        if (!insights.partialDependence().isEmpty()) {
            page.append("<h3>Partial dependence</h3>\n<div class=\"charts\">\n");
            for (PartialDependence.Curve c : insights.partialDependence()) {
                Map<String, double[][]> series = new LinkedHashMap<>();
                for (int o = 0; o < c.outputs().size(); o++) {
                    series.put(c.outputs().get(o), new double[][] {c.grid(), c.average()[o]});
                }
                String id = "pdp-" + c.feature().replaceAll("[^A-Za-z0-9]+", "-");
                ReportWriter.figure(
                        page,
                        XYChart.render(
                                id,
                                "Partial dependence on " + c.feature(),
                                c.feature(),
                                "mean prediction",
                                series,
                                false,
                                false),
                        "The mean prediction over the evaluated rows (up to 2,000) with " + c.feature()
                                + " set to each value, all else as it was (scikit-learn's partial_dependence, "
                                + "kind=average).");
            }
            page.append("</div>\n");
        }
        page.append("</section>\n");
    }

    private static void importance(StringBuilder page, Importances importance) {
        page.append("<h3>Permutation importance</h3>\n<p class=\"note\">How much ")
                .append(escape(importance.metric()))
                .append(" gets worse when a column's values are shuffled among the ")
                .append(Html.count(importance.rows()))
                .append(" evaluated rows (")
                .append(escape(importance.metric()))
                .append(" unshuffled: ")
                .append(escape(Html.number(importance.baseline())))
                .append("); mean ± std over ")
                .append(importance.repeats())
                .append(" shuffles, seed ")
                .append(importance.seed())
                .append(".</p>\n<table id=\"importance\">\n<thead><tr><th>feature</th><th>mean</th><th>std</th>")
                .append("<th></th></tr></thead>\n<tbody>\n");
        double largest = importance.features().stream()
                .mapToDouble(f -> Math.abs(f.mean()))
                .max()
                .orElse(0);
        for (FeatureImportance f : importance.features()) {
            double share = largest > 0 ? Math.max(0, f.mean()) / largest : 0;
            page.append("<tr><td>")
                    .append(escape(f.feature()))
                    .append("</td><td>")
                    .append(escape(Html.number(f.mean())))
                    .append("</td><td>")
                    .append(escape(Html.number(f.std())))
                    .append("</td><td class=\"bar\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", 160 * share))
                    .append("px\"></span></td></tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private static void coefficients(StringBuilder page, Coefficients c) {
        page.append("<h3>Coefficients</h3>\n<p class=\"note\">The model's weights per unit of each of its inputs, ")
                .append("after the transforms (a standardized column's weight is per standard deviation; a one-hot ")
                .append("column is named column=value), largest first.</p>\n<table id=\"coefficients\">\n<thead><tr>")
                .append("<th>feature</th>");
        c.outputs().forEach(o -> page.append("<th>").append(escape(o)).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n<tr><td>intercept</td>");
        for (double b : c.intercepts()) {
            page.append("<td>").append(escape(Html.number(b))).append("</td>");
        }
        page.append("</tr>\n");
        for (int f : c.byMagnitude(0)) {
            page.append("<tr><td>").append(escape(c.features().get(f))).append("</td>");
            for (double[] row : c.weights()) {
                page.append("<td>").append(escape(Html.number(row[f]))).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }
}
