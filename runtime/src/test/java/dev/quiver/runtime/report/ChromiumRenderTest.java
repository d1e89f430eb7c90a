package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens real reports in headless Chromium: the page must load offline, render to a non-blank screenshot, and
 * keep its SVG charts in the DOM. Skipped, with a message, where Chromium is not installed; CI installs it
 * ({@code apt-get install -y chromium}).
 */
class ChromiumRenderTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsChromium() {
        HeadlessChromium.assumeInstalled("report.html");
    }

    /** One browser launch (they take seconds each on a busy machine) checks both the pixels and the DOM. */
    @Test
    void reportRendersToANonBlankScreenshotWithItsChartsInTheDom() throws Exception {
        Path report = dir.resolve("multiclass/report.html");
        ReportWriter.write(report, SampleRuns.data("iris-softmax", SampleRuns.multiclass(150, 11), 30));
        HeadlessChromium.Page page = HeadlessChromium.render(report, dir, 1200, 2000, Duration.ofSeconds(60));
        assertEquals(1200, page.screenshot().getWidth());
        assertEquals(2000, page.screenshot().getHeight());
        assertTrue(page.distinctColours() > 50, "a blank page has one or two colours");
        for (String id : List.of("learning-curves", "confusion-matrix", "roc-curves", "pr-curves")) {
            assertTrue(page.hasId(id), "svg " + id + " in the rendered DOM");
        }
        assertTrue(page.dom().contains("<polyline"), "curves survive parsing");
    }
}
