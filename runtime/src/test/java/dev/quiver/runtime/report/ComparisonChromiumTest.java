package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a {@code quiver compare --html} page in headless Chromium, as {@link ChromiumRenderTest} does for the run
 * report: it loads offline, renders to a non-blank screenshot, and keeps its tables and overlaid curves in the DOM.
 * Skipped, with a message, where Chromium is not installed.
 */
class ComparisonChromiumTest {

    @TempDir
    Path dir;

    private static ComparisonReport.Run run(String name, String lr, double scale, boolean validation) {
        int n = 12;
        double[] epochs = new double[n];
        double[] train = new double[n];
        double[] valid = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
            train[i] = scale / (i + 1);
            valid[i] = validation ? 1.2 * scale / (i + 1) : Double.NaN;
        }
        return new ComparisonReport.Run(
                name,
                Map.of("training.optimizer.lr", lr),
                Map.of("test", Map.of("accuracy", scale > 1 ? 0.9 : 0.95)),
                epochs,
                train,
                valid);
    }

    @Test
    void theComparisonRendersWithItsTablesAndOverlaidCurves() throws Exception {
        List<ComparisonReport.Run> runs = List.of(
                run("20261203T114500Z-aaaaaa", "0.1", 2.0, true), run("20261203T114600Z-bbbbbb", "0.01", 1.0, false));
        String html = ComparisonReport.render(List.of("training.optimizer.lr"), runs);
        assertTrue(html.contains("<td>training.optimizer.lr</td><td>0.1</td><td>0.01</td>"), html);
        assertTrue(html.contains("<td>test accuracy</td><td>0.9000</td><td>0.9500</td>"), html);
        assertTrue(html.contains("default-src 'none'"), "no script, no network");

        HeadlessChromium.assumeInstalled("the comparison page");
        Path file = dir.resolve("compare.html");
        ComparisonReport.write(file, List.of("training.optimizer.lr"), runs);
        HeadlessChromium.Page page = HeadlessChromium.render(file, dir, 1200, 1400, Duration.ofSeconds(60));
        String dom = page.dom();
        assertEquals(1200, page.screenshot().getWidth());
        assertTrue(page.distinctColours() > 20, "a blank page has one or two colours");
        assertTrue(dom.contains("id=\"training-loss\""), "the overlaid training curves in the DOM");
        assertTrue(dom.contains("id=\"validation-loss\""), "the validation curve of the run that has one");
        assertTrue(
                dom.contains("series-20261203T114500Z-aaaaaa") && dom.contains("series-20261203T114600Z-bbbbbb"),
                "one line per run");
        // a line and a legend swatch for each of the two training curves and the one validation curve
        assertEquals(6, count(dom, "<polyline"), dom);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
