package dev.quiver.runtime.report;

import static dev.quiver.runtime.report.Html.escape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The HTML page of {@code quiver compare --html}: the parameters that differ and the metrics side by side, one
 * column per run, and the runs' learning curves overlaid, drawn with the run report's own chart code and CSS.
 * Self-contained like the report (inline CSS and SVG, no script, no network). Stateless; any thread.
 */
public final class ComparisonReport {

    /**
     * One run's column.
     *
     * @param name the column heading (the run's id or the reference given)
     * @param parameters the differing parameters' values by key path
     * @param metrics metric values by split, then by name (split labels such as {@code cv mean} allowed)
     * @param epochs the epochs of its history
     * @param trainLoss its training loss per epoch (NaN where none)
     * @param validationLoss its validation loss per epoch (NaN where none)
     */
    public record Run(
            String name,
            Map<String, String> parameters,
            Map<String, Map<String, Double>> metrics,
            double[] epochs,
            double[] trainLoss,
            double[] validationLoss) {}

    private ComparisonReport() {}

    /** Writes {@link #render} to {@code file}, atomically (a temporary sibling renamed into place). */
    public static void write(Path file, List<String> differing, List<Run> runs) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.createFile(temp);
        try {
            Files.writeString(temp, render(differing, runs), StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The page's HTML text; {@code differing} are the parameter key paths to show, in order. */
    public static String render(List<String> differing, List<Run> runs) {
        StringBuilder page = new StringBuilder(32 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Quiver\">\n")
                .append("<title>Quiver run comparison</title>\n<style>\n")
                .append(ReportWriter.CSS)
                .append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header>\n<p class=\"eyebrow\">Quiver run comparison</p>\n<h1>")
                .append(runs.size())
                .append(" runs</h1>\n</header>\n");
        parameters(page, differing, runs);
        metrics(page, runs);
        curves(page, runs);
        page.append("<footer>Made by Quiver. This page is self-contained: no scripts, no network.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return page.toString();
    }

    private static void header(StringBuilder page, String first, List<Run> runs) {
        page.append("<table>\n<thead><tr><th>").append(escape(first)).append("</th>");
        runs.forEach(r -> page.append("<th>").append(escape(r.name())).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
    }

    private static void parameters(StringBuilder page, List<String> differing, List<Run> runs) {
        ReportWriter.section(page, "parameters", "Parameters that differ");
        if (differing.isEmpty()) {
            page.append("<p>Every run has the same resolved pipeline.</p>\n</section>\n");
            return;
        }
        header(page, "parameter", runs);
        for (String key : differing) {
            page.append("<tr><td>").append(escape(key)).append("</td>");
            runs.forEach(r -> page.append("<td>")
                    .append(escape(r.parameters().getOrDefault(key, "")))
                    .append("</td>"));
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n</section>\n");
    }

    private static void metrics(StringBuilder page, List<Run> runs) {
        Set<String> rows = new LinkedHashSet<>();
        runs.forEach(r -> r.metrics()
                .forEach((split, values) -> values.keySet().forEach(name -> rows.add(split + "\u0000" + name))));
        if (rows.isEmpty()) {
            return;
        }
        ReportWriter.section(page, "metrics", "Metrics");
        header(page, "metric", runs);
        for (String row : rows) {
            String[] part = row.split("\u0000", 2);
            page.append("<tr><td>").append(escape(part[0] + " " + part[1])).append("</td>");
            for (Run r : runs) {
                Double v = r.metrics().getOrDefault(part[0], Map.of()).get(part[1]);
                page.append(v == null || v.isNaN() ? "<td class=\"undefined\">" : "<td>")
                        .append(escape(v == null ? "" : Html.number(v)))
                        .append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n</section>\n");
    }

    private static void curves(StringBuilder page, List<Run> runs) {
        Map<String, OverlayChart.Series> train = new LinkedHashMap<>();
        Map<String, OverlayChart.Series> validation = new LinkedHashMap<>();
        for (Run r : runs) {
            train.put(r.name(), new OverlayChart.Series(r.epochs(), r.trainLoss()));
            validation.put(r.name(), new OverlayChart.Series(r.epochs(), r.validationLoss()));
        }
        String trainChart = OverlayChart.render("training-loss", "Training loss per epoch", "loss", train);
        String validationChart =
                OverlayChart.render("validation-loss", "Validation loss per epoch", "loss", validation);
        if (trainChart == null && validationChart == null) {
            return;
        }
        ReportWriter.section(page, "training", "Learning curves");
        page.append("<div class=\"charts\">\n");
        if (trainChart != null) {
            ReportWriter.figure(
                    page,
                    trainChart,
                    "Mean training loss over each epoch, one line per run; the legend"
                            + " gives each run's last value.");
        }
        if (validationChart != null) {
            ReportWriter.figure(page, validationChart, "Loss on each run's validation rows after each epoch.");
        }
        page.append("</div>\n</section>\n");
    }
}
