package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of real runs, one per kind (binary and multiclass classification, regression, clustering), holds
 * each section issue 16 asks for, with captions that match the run; then each page is opened in headless
 * Chromium (as {@code ChromiumRenderTest} does) and its sections must survive in the rendered DOM. The browser
 * part is skipped where Chromium is not installed.
 */
class ReportSectionsTest {

    @TempDir
    Path dir;

    @Test
    void multiclassReportShowsDataBaselineClassesErrorsImportanceAndTheBestEpoch() throws Exception {
        String html = report("""
                version: 1
                name: iris-report
                seed: 42
                source: {type: csv, path: "%s"}
                columns: {target: species}
                split: {test: 0.2, validation: 0.2, stratify: true}
                transforms: [{type: standardize}]
                model: {type: mlp, hidden: [16], activation: relu}
                training:
                  optimizer: {type: adam, lr: 0.01}
                  epochs: 200
                  batchSize: 16
                  earlyStopping: {monitor: validation_loss, patience: 20, restoreBest: true}
                evaluate: [accuracy, f1-macro, {type: permutation-importance, repeats: 3}]
                """.formatted(data("iris.csv")));
        for (String id : List.of(
                "split-rows",
                "column-summary",
                "per-class",
                "largest-errors",
                "importance",
                "learning-curves",
                "confusion-matrix")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("baseline (test)"), "a baseline column");
        assertTrue(html.contains("majority class"), "the baseline says what it predicts");
        assertTrue(html.contains("best epoch "), "early stopping's epoch marked on the curve");
        assertTrue(html.contains("which early stopping chose"), html);
        assertTrue(html.contains("<dt>rows trained on</dt><dd>90</dd>"), "rows, not row-epochs");
        assertTrue(html.contains("row-epochs"), "row-epochs apart");
        assertTrue(html.contains("<dt>Quiver</dt>") && html.contains("<dt>machine</dt>"), "run facts");
        assertTrue(html.contains("Fitted transforms"), "the standardize transform's fitted values");
        assertTrue(html.contains("id=\"pdp-"), "partial dependence");
        render(html, "multiclass", List.of("importance", "per-class", "learning-curves"));
    }

    @Test
    void binaryReportHasACalibrationCurve() throws Exception {
        String html = report("""
                version: 1
                name: spam-report
                seed: 7
                source: {type: csv, path: "%s"}
                columns: {target: label}
                split: {test: 0.25, stratify: true}
                model: {type: logistic-regression}
                training: {optimizer: {type: adam, lr: 0.05}, epochs: 50, batchSize: 16}
                evaluate: [accuracy, roc-auc]
                """.formatted(data("spam.csv")));
        assertTrue(html.contains("id=\"calibration\""), "calibration curve");
        assertTrue(html.contains("id=\"coefficients\""), "logistic coefficients");
        assertTrue(html.contains("no validation rows, so no validation curve"), "caption matches the run");
        assertFalse(html.contains("series-validation"), "no validation curve drawn");
        render(html, "binary", List.of("calibration", "coefficients"));
    }

    @Test
    void regressionReportHasCoefficientsImportanceAndPartialDependence() throws Exception {
        String html = report("""
                version: 1
                name: diabetes-report
                seed: 3
                source: {type: csv, path: "%s"}
                columns: {target: progression}
                split: {test: 0.2}
                transforms: [{type: standardize}]
                model: {type: linear-regression, solver: least-squares}
                evaluate: [r2, mse, permutation-importance]
                """.formatted(data("diabetes.csv")));
        for (String id : List.of("coefficients", "importance", "largest-errors", "column-summary", "residuals")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("mean of the training target"), "mean-predictor baseline");
        assertEquals(3, count(html, "id=\"pdp-"), "partial dependence for the top 3 features");
        assertFalse(html.contains("id=\"learning-curves\""), "least squares has no epochs");
        render(html, "regression", List.of("coefficients", "importance"));
    }

    @Test
    void clusteringReportShowsSizesCentroidsAndScores() throws Exception {
        String html = report("""
                version: 1
                name: iris-kmeans-report
                seed: 42
                source: {type: csv, path: "%s"}
                columns: {features: [sepal_length, sepal_width, petal_length, petal_width], labels: species}
                transforms: [{type: standardize}]
                model: {type: tribuo, trainer: kmeans, task: clustering, options: {centroids: 3}}
                evaluate: [adjusted-rand]
                """.formatted(data("iris.csv")));
        assertTrue(html.contains("id=\"centroids\""), "centroids");
        assertTrue(html.contains("id=\"cluster-scores\""), "scores");
        String scores = html.substring(html.indexOf("id=\"cluster-scores\""));
        assertTrue(
                scores.contains("silhouette") && scores.contains("davies-bouldin") && scores.contains("adjusted-rand"),
                html);
        render(html, "clustering", List.of("centroids", "cluster-scores", "column-summary"));
    }

    private String report(String yaml) throws IOException {
        Path out = dir.resolve("run-" + count(yaml, "\n") + "-" + yaml.hashCode());
        try (Quiver quiver = Quiver.create()) {
            RunResult run =
                    quiver.run(quiver.pipeline(yaml, dir), RunOptions.defaults().withOutputDir(out));
            return Files.readString(run.directory().resolve("report.html"), StandardCharsets.UTF_8);
        }
    }

    private static String data(String file) {
        return Path.of("data", file).toAbsolutePath().toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** Opens the page in headless Chromium, offline, and checks the ids survive in the rendered DOM. */
    private void render(String html, String name, List<String> ids) throws IOException, InterruptedException {
        if (!HeadlessChromium.installed()) {
            System.err.println("Chromium is not installed at " + HeadlessChromium.EXECUTABLE
                    + "; skipping the browser check of " + name);
            return;
        }
        Path file = dir.resolve(name + ".html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        HeadlessChromium.Page page = HeadlessChromium.render(file, dir, 1200, 3000, Duration.ofSeconds(90));
        for (String id : ids) {
            assertTrue(page.hasId(id), name + ": " + id + " in the rendered DOM");
        }
        assertTrue(page.distinctColours() > 20, name + ": a blank page has one or two colours");
    }
}
