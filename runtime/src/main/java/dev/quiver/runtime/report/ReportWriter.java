package dev.quiver.runtime.report;

import static dev.quiver.runtime.report.Html.escape;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a run's report as one self-contained HTML file: inline CSS and inline SVG charts drawn here, no script
 * and no network access (a Content-Security-Policy forbids both), so it opens anywhere, offline, years later.
 * Same data, same bytes. Stateless; any thread.
 */
public final class ReportWriter {

    /** Shared with {@link ComparisonReport}, so both pages look alike. */
    static final String CSS = loadCss();

    private ReportWriter() {}

    /**
     * Writes {@link #render(ReportData)} to {@code file} (conventionally {@code report.html}), creating parent
     * folders; the file appears whole or not at all.
     */
    public static void write(Path file, ReportData data) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // Not Files.createTempFile: its owner-only permissions (0600) would stay on the renamed report, unlike every
        // other file of the run; a plain create follows the user's umask.
        Path temp = absolute.resolveSibling(".report-" + UUID.randomUUID() + ".html.tmp");
        Files.createFile(temp);
        try {
            Files.writeString(temp, render(data), StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The report's HTML text. */
    public static String render(ReportData data) {
        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Quiver\">\n")
                .append("<title>")
                .append(escape(data.pipelineName()))
                .append(" · Quiver report</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header(page, data);
        Insights insights = data.insights();
        DataSection.append(page, insights);
        metrics(page, data);
        trials(page, data);
        if (!data.history().isEmpty()) {
            section(page, "training", "Learning curves");
            page.append("<div class=\"charts\">\n");
            figure(page, LearningCurveChart.loss(data.history(), insights.bestEpoch()), lossCaption(data));
            String metrics = LearningCurveChart.metrics(data.history());
            if (metrics != null) {
                figure(page, metrics, "The figures the trainer reports after each epoch; last values in the legend.");
            }
            String rate = LearningCurveChart.learningRate(data.history());
            if (rate != null) {
                figure(page, rate, "The learning rate at the end of each epoch, as the schedule set it.");
            }
            page.append("</div>\n</section>\n");
        }
        Predictions predictions = data.predictions();
        if (predictions != null && predictions.size() > 0) {
            String on = data.evaluatedSplit().isEmpty() ? "" : " on the " + data.evaluatedSplit() + " split";
            if (predictions.task().isClassification()) {
                ClassificationSection.append(page, predictions, on);
            } else if (predictions.task() == Task.REGRESSION) {
                regression(page, predictions, on);
            }
            if (predictions.task() != Task.CLUSTERING) {
                // A clustering run's predictions are codes of its clusters and of the true groups, scored as
                // partitions: a row's "error" between two codes means nothing. The cluster section shows them.
                ResultTables.append(page, predictions, on);
            }
        }
        ClusterSection.append(page, insights.clusters());
        ExplainSection.append(page, insights);
        if (!data.pipelineYaml().isBlank()) {
            section(page, "pipeline", "Resolved pipeline");
            page.append("<pre><code>")
                    .append(escape(data.pipelineYaml().strip()))
                    .append("</code></pre>\n")
                    .append("</section>\n");
        }
        page.append("<footer>Made by Quiver. This page is self-contained: no scripts, no network.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return page.toString();
    }

    /** Says what the loss chart shows for this run: no validation wording without validation rows. */
    private static String lossCaption(ReportData data) {
        Insights insights = data.insights();
        StringBuilder caption = new StringBuilder("Mean training loss over each epoch's batches");
        caption.append(
                LearningCurveChart.hasValidation(data.history())
                        ? " and loss on the validation rows after it"
                        : " (no validation rows, so no validation curve)");
        caption.append("; the legend gives the last epoch's values.");
        if (LearningCurveChart.spansOrders(data.history())) {
            caption.append(" The loss spans more than two orders of magnitude, so the axis is log10.");
        }
        if (insights.bestEpoch() > 0) {
            caption.append(" The dashed line marks epoch ")
                    .append(insights.bestEpoch())
                    .append(", the best by ")
                    .append(insights.bestEpochMonitor())
                    .append(", which early stopping chose.");
        }
        return caption.toString();
    }

    private static void header(StringBuilder page, ReportData data) {
        page.append("<header>\n<p class=\"eyebrow\">Quiver run report</p>\n<h1>")
                .append(escape(data.pipelineName()))
                .append("</h1>\n");
        Map<String, String> facts = new LinkedHashMap<>();
        if (data.predictions() != null && !data.facts().containsKey("task")) {
            facts.put("task", data.predictions().task().label());
        }
        facts.putAll(data.facts());
        if (!facts.isEmpty()) {
            page.append("<dl class=\"facts\">\n");
            facts.forEach((k, v) -> page.append("<div><dt>")
                    .append(escape(k))
                    .append("</dt><dd>")
                    .append(escape(v))
                    .append("</dd></div>\n"));
            page.append("</dl>\n");
        }
        page.append("</header>\n");
    }

    private static void metrics(StringBuilder page, ReportData data) {
        Map<String, Map<String, Double>> bySplit = data.metricsBySplit();
        if (bySplit.isEmpty()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        bySplit.values().forEach(m -> names.addAll(m.keySet()));
        names.removeAll(data.matrixMetrics()); // a matrix is drawn as a chart, not shown as its stand-in number
        if (names.isEmpty()) {
            return;
        }
        section(page, "metrics", "Metrics");
        Map<String, Double> baseline = data.insights().baseline();
        page.append("<table>\n<thead><tr><th>metric</th>");
        bySplit.keySet()
                .forEach(split -> page.append("<th>").append(escape(split)).append("</th>"));
        if (!baseline.isEmpty()) {
            page.append("<th class=\"baseline\">baseline (")
                    .append(escape(data.evaluatedSplit()))
                    .append(")</th>");
        }
        page.append("</tr></thead>\n<tbody>\n");
        for (String name : names) {
            page.append("<tr><td>").append(escape(name)).append("</td>");
            for (Map<String, Double> values : bySplit.values()) {
                Double v = values.get(name);
                boolean undefined = v == null || v.isNaN();
                page.append(undefined ? "<td class=\"undefined\" title=\"undefined for this split\">" : "<td>")
                        .append(escape(Html.number(v == null ? Double.NaN : v)))
                        .append("</td>");
            }
            if (!baseline.isEmpty()) {
                page.append("<td class=\"baseline\">")
                        .append(escape(Html.number(baseline.getOrDefault(name, Double.NaN))))
                        .append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
        if (!baseline.isEmpty()) {
            page.append("<p class=\"note\">Baseline: ")
                    .append(escape(data.insights().baselineName()))
                    .append(", scored on the same rows; a model should beat it.</p>\n");
        }
        page.append(cvNote(bySplit.keySet()));
        page.append("</section>\n");
    }

    /** Says where cross-validated figures come from, when the table has them. */
    private static String cvNote(Set<String> columns) {
        return columns.contains("cv mean")
                ? "<p class=\"note\">cv mean and cv std: the mean and population standard deviation of the held-out "
                        + "folds' scores, each fold fitted on the others; the other columns score the model refitted "
                        + "on all training rows.</p>\n"
                : "";
    }

    private static void trials(StringBuilder page, ReportData data) {
        if (data.trials().isEmpty()) {
            return;
        }
        section(page, "trials", "Tuning trials");
        page.append("<table>\n<thead><tr>");
        data.trials().get(0).keySet().forEach(c -> page.append("<th>")
                .append(escape(c))
                .append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
        for (Map<String, String> row : data.trials()) {
            page.append("<tr>");
            data.trials().get(0).keySet().forEach(c -> page.append("<td>")
                    .append(escape(row.getOrDefault(c, "")))
                    .append("</td>"));
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n</section>\n");
    }

    private static void regression(StringBuilder page, Predictions predictions, String on) {
        int rows = predictions.size();
        int stride = ResidualCharts.stride(rows);
        int shown = (rows + stride - 1) / stride;
        String sample = stride == 1
                ? Html.count(rows) + " rows."
                : "Showing one row in " + stride + " (" + Html.count(shown) + " of " + Html.count(rows) + ").";
        section(page, "diagnostics", "Predictions" + on);
        page.append("<div class=\"charts\">\n");
        figure(
                page,
                ResidualCharts.residuals(predictions.actual(), predictions.predicted()),
                "Residual against prediction: a shapeless band around zero is what a good fit leaves. " + sample);
        figure(
                page,
                ResidualCharts.actualVsPredicted(predictions.actual(), predictions.predicted()),
                "Actual against predicted; perfect predictions lie on the dashed diagonal. " + sample);
        page.append("</div>\n</section>\n");
    }

    static void section(StringBuilder page, String id, String title) {
        page.append("<section id=\"")
                .append(id)
                .append("\">\n<h2>")
                .append(escape(title))
                .append("</h2>\n");
    }

    static void figure(StringBuilder page, String svg, String caption) {
        page.append("<figure>\n")
                .append(svg)
                .append("<figcaption>")
                .append(escape(caption))
                .append("</figcaption>\n</figure>\n");
    }

    private static String loadCss() {
        try (InputStream in = ReportWriter.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the runtime jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
