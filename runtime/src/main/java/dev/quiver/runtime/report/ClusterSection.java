package dev.quiver.runtime.report;

import static dev.quiver.runtime.report.Html.escape;

/** A clustering run's clusters: sizes, centroids in the model's input space, and the clustering scores. */
final class ClusterSection {

    /** The metric that compares clusters with true groups, named by the metrics plugin. */
    private static final String ADJUSTED_RAND = "adjusted-rand";

    private ClusterSection() {}

    static void append(StringBuilder page, Insights.Clusters clusters) {
        if (clusters == null) {
            return;
        }
        ReportWriter.section(page, "clusters", "Clusters");
        page.append("<table id=\"cluster-scores\">\n<thead><tr><th>score</th><th>value</th></tr></thead>\n<tbody>\n");
        clusters.scores().forEach((name, v) -> page.append("<tr><td>")
                .append(escape(name))
                .append("</td><td>")
                .append(escape(Html.number(v)))
                .append("</td></tr>\n"));
        page.append("</tbody>\n</table>\n<p class=\"note\">Silhouette (higher is better, at most 1; on ")
                .append(Html.count(clusters.sampled()))
                .append(" rows) and Davies-Bouldin (lower is better), on the model's inputs after the transforms. ")
                .append(
                        clusters.scores().containsKey(ADJUSTED_RAND)
                                ? "The adjusted Rand index compares the clusters with the true groups of"
                                        + " columns.labels: 1 for the same partition, about 0 for chance.</p>\n"
                                : "The adjusted Rand index needs the true groups: name their column in columns.labels"
                                        + " and add adjusted-rand to evaluate:.</p>\n")
                .append("<h3>Sizes and centroids</h3>\n<table id=\"centroids\">\n<thead><tr><th>cluster</th>")
                .append("<th>rows</th>");
        clusters.features().forEach(f -> page.append("<th>").append(escape(f)).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
        for (int c = 0; c < clusters.sizes().length; c++) {
            page.append("<tr><td>")
                    .append(c)
                    .append("</td><td>")
                    .append(Html.count(clusters.sizes()[c]))
                    .append("</td>");
            for (double v : clusters.centroids()[c]) {
                page.append("<td>").append(escape(Html.number(v))).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n</section>\n");
    }
}
