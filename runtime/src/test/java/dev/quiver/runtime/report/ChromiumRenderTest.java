package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens real reports in headless Chromium: the page must load offline, render to a non-blank screenshot, and
 * keep its SVG charts in the DOM. Skipped, with a message, where Chromium is not installed; CI installs it
 * ({@code apt-get install -y chromium}).
 */
class ChromiumRenderTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); skipping the "
                        + "browser rendering test of report.html.");
    }

    /** One browser launch (they take seconds each on a busy machine) checks both the pixels and the DOM. */
    @Test
    void reportRendersToANonBlankScreenshotWithItsChartsInTheDom() throws Exception {
        Path report = dir.resolve("multiclass/report.html");
        ReportWriter.write(report, SampleRuns.data("iris-softmax", SampleRuns.multiclass(150, 11), 30));
        Path png = dir.resolve("multiclass.png");
        Result run = chromium(report, "--screenshot=" + png, "--window-size=1200,2000", "--dump-dom");
        assertEquals(0, run.exitCode(), run.output());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(2000, image.getHeight());
        assertTrue(distinctColours(image) > 50, "a blank page has one or two colours");
        for (String id : List.of("learning-curves", "confusion-matrix", "roc-curves", "pr-curves")) {
            assertTrue(run.output().contains("id=\"" + id + "\""), "svg " + id + " in the rendered DOM");
        }
        assertTrue(run.output().contains("<polyline"), "curves survive parsing");
    }

    private record Result(int exitCode, String output) {}

    /** Runs Chromium offline on one file, in a fresh profile; gives up after a minute. */
    private static Result chromium(Path html, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        command.add(html.toUri().toString());
        Path log = Files.createTempFile(dir, "chromium", ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
