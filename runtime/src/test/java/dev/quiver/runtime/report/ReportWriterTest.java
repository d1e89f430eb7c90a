package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.EpochStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's structure: which charts appear when, what they count, and that nothing user-given gets out. */
class ReportWriterTest {

    @Test
    void multiclassReportHasEveryChartAndTheMatrixCountsTheRows() {
        Predictions p = SampleRuns.multiclass(90, 1);
        String html = ReportWriter.render(SampleRuns.data("iris", p, 25));
        for (String id : List.of("learning-curves", "confusion-matrix", "roc-curves", "pr-curves")) {
            assertTrue(
                    html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"" + id + "\""), id);
        }
        assertFalse(html.contains("id=\"residuals\""));
        long[][] expected = new long[3][3];
        for (int i = 0; i < p.size(); i++) {
            expected[(int) p.actual()[i]][(int) p.predicted()[i]]++;
        }
        List<Long> counts = counts(svg(html, "confusion-matrix"));
        assertEquals(9, counts.size(), "one count per cell");
        for (int a = 0; a < 3; a++) {
            for (int q = 0; q < 3; q++) {
                assertEquals(expected[a][q], counts.get(3 * a + q), "cell [" + a + "][" + q + "]");
            }
        }
        assertEquals(3, occurrences(svg(html, "roc-curves"), "<g class=\"curve\">"), "one ROC curve per class");
        assertEquals(3, occurrences(svg(html, "pr-curves"), "<g class=\"curve\">"), "one PR curve per class");
    }

    @Test
    void aMetricWhoseDetailsHoldAMatrixIsLeftOutOfTheMetricsTable() {
        Predictions p = SampleRuns.multiclass(90, 1);
        ReportData base = SampleRuns.data("iris", p, 3);
        Map<String, Map<String, Double>> metrics = new java.util.LinkedHashMap<>(base.metricsBySplit());
        metrics.replaceAll((split, values) -> {
            Map<String, Double> withMatrix = new java.util.LinkedHashMap<>(values);
            withMatrix.put("confusion-matrix", values.get("accuracy"));
            return withMatrix;
        });
        Map<String, Object> details = Map.of(
                "test",
                Map.of("confusion-matrix", Map.of("labels", List.of("a", "b", "c"), "matrix", List.of(List.of(1L)))));
        String html = ReportWriter.render(
                new ReportData("iris", "", base.facts(), metrics, base.history(), "test", p, List.of(), details));
        String table = html.substring(html.indexOf("<table>"), html.indexOf("</table>"));
        assertTrue(table.contains("<td>accuracy</td>"), table);
        assertFalse(table.contains("confusion-matrix"), table);
        assertTrue(html.contains("id=\"confusion-matrix\""), "the matrix is still drawn as a chart");
    }

    @Test
    void binaryReportDrawsOnlyThePositiveClassAndQuotesItsArea() {
        Predictions p = SampleRuns.binary(200, 2);
        String html = ReportWriter.render(SampleRuns.data("churn", p, 3));
        String roc = svg(html, "roc-curves");
        assertEquals(1, occurrences(roc, "<g class=\"curve\">"));
        boolean[] positive = new boolean[p.size()];
        double[] score = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            positive[i] = p.actual()[i] == 1;
            score[i] = p.probabilities()[i][1];
        }
        double auc = Curves.roc(positive, score).orElseThrow().area();
        assertTrue(roc.contains(">yes (AUC " + Html.number(auc) + ")</text>"), "legend names class and AUC");
        assertTrue(html.contains("Positive class yes against no."));
    }

    @Test
    void regressionReportPlotsEveryResidualAndNoClassCharts() {
        Predictions p = SampleRuns.regression(300, 3);
        String html = ReportWriter.render(SampleRuns.data("houses", p, 0));
        assertEquals(300, occurrences(svg(html, "residuals"), "<circle class=\"dot\""));
        assertEquals(300, occurrences(svg(html, "actual-vs-predicted"), "<circle class=\"dot\""));
        assertFalse(html.contains("id=\"confusion-matrix\""));
        assertFalse(html.contains("id=\"learning-curves\""), "no epochs, no learning curve");
    }

    @Test
    void largeRegressionSetsAreThinnedDeterministically() {
        Predictions p = SampleRuns.regression(10_001, 4);
        String html = ReportWriter.render(SampleRuns.data("big", p, 0));
        assertEquals(3334, occurrences(svg(html, "residuals"), "<circle class=\"dot\""), "every 3rd row");
        assertTrue(html.contains("Showing one row in 3 (3,334 of 10,001)."), "the caption says so");
    }

    @Test
    void withoutProbabilitiesThereAreNoCurvesAndANoteSaysWhy() {
        Predictions base = SampleRuns.multiclass(30, 5);
        Predictions p = new Predictions(Task.MULTICLASS, base.classes(), base.actual(), base.predicted(), null);
        String html = ReportWriter.render(SampleRuns.data("no-proba", p, 2));
        assertTrue(html.contains("id=\"confusion-matrix\""));
        assertFalse(html.contains("id=\"roc-curves\""));
        assertTrue(html.contains("The model gives no class probabilities"));
    }

    @Test
    void learningCurveHasOnePointPerEpochForBothLosses() {
        String html = ReportWriter.render(SampleRuns.data("curves", null, 12));
        String chart = svg(html, "learning-curves");
        assertEquals(24, occurrences(chart, "<circle class=\"marker\""), "12 epochs, training and validation");
        assertTrue(chart.contains(">training "), "legend");
        assertTrue(chart.contains(">validation "), "legend");
        assertEquals(12, occurrences(svg(html, "epoch-metrics"), "<circle class=\"marker\""), "validation_accuracy");
        assertEquals(12, occurrences(svg(html, "learning-rate"), "<circle class=\"marker\""), "a step schedule");
    }

    @Test
    void aConstantLearningRateAndNoEpochMetricsDrawNothingExtra() {
        List<EpochStats> history = List.of(
                new EpochStats(1, 1.0, Double.NaN, Map.of(), 10, 0.1, 0.01),
                new EpochStats(2, 0.5, Double.NaN, Map.of(), 10, 0.1, 0.01));
        String html = ReportWriter.render(new ReportData("x", "", Map.of(), Map.of(), history, "", null));
        String chart = svg(html, "learning-curves");
        assertEquals(2, occurrences(chart, "<circle class=\"marker\""), "training only: no validation rows");
        assertFalse(html.contains("id=\"epoch-metrics\""));
        assertFalse(html.contains("id=\"learning-rate\""));
    }

    @Test
    void manyClassesRepeatColoursDashedAndTheChartGrowsForTheLegend() {
        int k = 20;
        int rows = 240;
        double[] actual = new double[rows];
        double[][] proba = new double[rows][k];
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            classes.add("digit " + c);
        }
        for (int i = 0; i < rows; i++) {
            actual[i] = i % k;
            for (int c = 0; c < k; c++) {
                proba[i][c] = (c == i % k ? 2.0 : 1.0) + ((i * 31 + c * 17) % 7) / 7.0;
            }
        }
        Predictions p = new Predictions(Task.MULTICLASS, classes, actual, actual.clone(), proba);
        String roc = svg(ReportWriter.render(SampleRuns.data("digits", p, 0)), "roc-curves");
        assertEquals(k, occurrences(roc, "<g class=\"curve\">"));
        assertEquals(12 * 2, occurrences(roc, "stroke-dasharray=\"5 3\""), "classes 8 to 19: curve and legend");
        assertTrue(roc.contains(" 422\" style="), "20 legend lines of 20 px need a taller chart than the plot");
    }

    @Test
    void everythingUserGivenIsEscaped() {
        Predictions base = SampleRuns.multiclass(30, 6);
        Predictions p = new Predictions(
                Task.MULTICLASS, List.of("<b>", "a&b", "\"q\""), base.actual(), base.predicted(), base.probabilities());
        String html = ReportWriter.render(new ReportData(
                "<script>alert(1)</script>",
                "k: <img src=x onerror=y>",
                Map.of("<i>fact</i>", "'v'"),
                Map.of("<split>", Map.of("<metric>", 1.0)),
                List.of(),
                "test",
                p));
        assertFalse(html.contains("<script"), "no script element anywhere");
        assertFalse(html.contains("<img"), "YAML shown as text");
        assertFalse(html.contains("<b>") || html.contains("<i>") || html.contains("<split>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("k: &lt;img src=x onerror=y&gt;"));
        assertTrue(html.contains(">a&amp;b</text>"), "class label in the matrix");
        assertTrue(html.contains("&quot;q&quot;"));
    }

    @Test
    void pageIsSelfContained() {
        String html = ReportWriter.render(SampleRuns.data("iris", SampleRuns.multiclass(60, 7), 5));
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutSvgNamespace.contains("http:") || withoutSvgNamespace.contains("https:"), "no URLs");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains(" src="), "no fetches");
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "and a CSP to be sure");
    }

    @Test
    void metricsTableHasASplitPerColumnAndDashesForUndefined() {
        String html = ReportWriter.render(SampleRuns.data("iris", null, 0));
        assertTrue(html.contains("<th>metric</th><th>train</th><th>validation</th><th>test</th>"));
        assertTrue(html.contains("<tr><td>accuracy</td><td>0.9000</td><td>0.8700</td><td>0.8400</td></tr>"));
        assertTrue(html.contains("<td class=\"undefined\" title=\"undefined for this split\">–</td>"), "NaN");
    }

    @Test
    void sameDataSameBytes(@TempDir Path dir) throws IOException {
        ReportData data = SampleRuns.data("iris", SampleRuns.multiclass(60, 8), 10);
        Path first = dir.resolve("a/report.html");
        Path second = dir.resolve("b/report.html");
        ReportWriter.write(first, data);
        ReportWriter.write(second, data);
        assertEquals(Files.readString(first, StandardCharsets.UTF_8), Files.readString(second, StandardCharsets.UTF_8));
        try (var files = Files.list(first.getParent())) {
            assertEquals(List.of(first), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aClassIndexOutOfRangeIsRejected() {
        Predictions p = new Predictions(Task.BINARY, List.of("a", "b"), new double[] {0, 2}, new double[] {0, 1}, null);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ReportWriter.render(SampleRuns.data("bad", p, 0)));
        assertEquals("Row 1 of the actual classes is 2.0, not a class index in 0..1.", e.getMessage());
    }

    /** The SVG element with this id. */
    static String svg(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no svg " + id);
        return html.substring(html.lastIndexOf("<svg", start), html.indexOf("</svg>", start));
    }

    private static List<Long> counts(String svg) {
        Matcher m = Pattern.compile("<text class=\"count[^\"]*\"[^>]*>(\\d+)</text>")
                .matcher(svg);
        List<Long> out = new ArrayList<>();
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
