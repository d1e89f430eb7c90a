package dev.quiver.runtime.report;

import static dev.quiver.runtime.report.Html.escape;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report's data section: rows per split, class balance, a summary of each training column, and the fitted
 * transforms' values. Stateless.
 */
final class DataSection {

    private DataSection() {}

    static void append(StringBuilder page, Insights insights) {
        if (insights.splitRows().isEmpty() && insights.columns().isEmpty()) {
            return;
        }
        ReportWriter.section(page, "data", "Data");
        if (!insights.splitRows().isEmpty()) {
            page.append("<h3>Rows per split</h3>\n<table id=\"split-rows\">\n<thead><tr><th>split</th><th>rows</th>");
            boolean balance = !insights.classBalance().isEmpty();
            Set<String> classes = new LinkedHashSet<>();
            insights.classBalance().values().forEach(m -> classes.addAll(m.keySet()));
            List<String> sorted = classes.stream().sorted().toList();
            sorted.forEach(c -> page.append("<th>").append(escape(c)).append("</th>"));
            page.append("</tr></thead>\n<tbody>\n");
            insights.splitRows().forEach((split, rows) -> {
                page.append("<tr><td>")
                        .append(escape(split))
                        .append("</td><td>")
                        .append(Html.count(rows))
                        .append("</td>");
                if (balance) {
                    Map<String, Long> counts = insights.classBalance().getOrDefault(split, Map.of());
                    for (String c : sorted) {
                        long n = counts.getOrDefault(c, 0L);
                        page.append("<td>")
                                .append(Html.count(n))
                                .append(rows > 0 ? " (" + Math.round(100.0 * n / rows) + "%)" : "")
                                .append("</td>");
                    }
                }
                page.append("</tr>\n");
            });
            page.append("</tbody>\n</table>\n");
        }
        if (!insights.columns().isEmpty()) {
            page.append("<h3>Training columns</h3>\n<table id=\"column-summary\">\n<thead><tr><th>column</th>")
                    .append("<th>type</th><th>missing</th><th>mean</th><th>std</th><th>min</th><th>max</th>")
                    .append("<th>top values</th></tr></thead>\n<tbody>\n");
            for (ColumnSummary c : insights.columns()) {
                page.append("<tr><td>")
                        .append(escape(c.name()))
                        .append("</td><td>")
                        .append(escape(c.type()))
                        .append("</td><td>")
                        .append(Html.count(c.missing()))
                        .append("</td>");
                if (c.numeric()) {
                    for (double v : new double[] {c.mean(), c.std(), c.min(), c.max()}) {
                        page.append("<td>").append(escape(Html.number(v))).append("</td>");
                    }
                    page.append("<td></td>");
                } else {
                    page.append("<td></td><td></td><td></td><td></td><td>")
                            .append(escape(c.top().stream()
                                    .map(e -> e.getKey() + " " + Html.count(e.getValue()))
                                    .collect(Collectors.joining(", "))))
                            .append(c.distinct() > c.top().size() ? " … (" + c.distinct() + " distinct)" : "")
                            .append("</td>");
                }
                page.append("</tr>\n");
            }
            page.append("</tbody>\n</table>\n<p class=\"note\">Sample standard deviation (n − 1); missing counts ")
                    .append("empty cells and NaN.</p>\n");
        }
        if (!insights.transforms().isEmpty()) {
            page.append("<h3>Fitted transforms</h3>\n");
            for (Map.Entry<String, Map<String, Object>> t : insights.transforms()) {
                page.append("<p><strong>")
                        .append(escape(t.getKey()))
                        .append("</strong></p>\n<pre class=\"fitted\"><code>");
                t.getValue().forEach((k, v) -> page.append(escape(k))
                        .append(" = ")
                        .append(escape(Html.value(v)))
                        .append('\n'));
                page.append("</code></pre>\n");
            }
        }
        page.append("</section>\n");
    }
}
