package dev.quiver.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens a local HTML page in headless Chromium, offline and in a fresh profile, and hands back the rendered DOM
 * and a screenshot: how the report and comparison tests check that a page really renders. One launch gives both,
 * since a launch takes seconds on a busy machine. Where Chromium is not installed at {@link #EXECUTABLE}, {@link
 * #assumeInstalled} skips the calling test with a message saying how to install it (CI does). Stateless; any
 * thread, though each call starts its own browser process.
 */
public final class HeadlessChromium {

    /** Where Debian's {@code chromium} package installs the browser. */
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    /** The flags that keep a launch offline, quiet and free of first-run work. */
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars");

    private HeadlessChromium() {}

    /**
     * What a page rendered to.
     *
     * @param dom the DOM after parsing ({@code --dump-dom})
     * @param screenshot the window's pixels
     */
    public record Page(String dom, BufferedImage screenshot) {

        /** Whether the DOM holds an element with this id. */
        public boolean hasId(String id) {
            return dom.contains("id=\"" + id + "\"");
        }

        /** Distinct colours on a 3-pixel grid of the screenshot: a blank page has one or two. */
        public int distinctColours() {
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < screenshot.getHeight(); y += 3) {
                for (int x = 0; x < screenshot.getWidth(); x += 3) {
                    colours.add(screenshot.getRGB(x, y));
                }
            }
            return colours.size();
        }
    }

    /** Whether Chromium is installed where {@link #EXECUTABLE} says. */
    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** Skips the calling test (a JUnit assumption) when Chromium is not installed, saying what was skipped. */
    public static void assumeInstalled(String what) {
        Assumptions.assumeTrue(
                installed(),
                "Chromium is not installed at " + EXECUTABLE + " (apt-get install -y chromium); skipping the browser"
                        + " rendering of " + what + ".");
    }

    /**
     * Renders {@code html} in a window of {@code width} by {@code height} pixels, working in {@code scratch} (a
     * test's temporary folder: the profile, screenshot and DOM go there).
     *
     * @throws AssertionError when Chromium fails or does not finish within {@code timeout}
     */
    public static Page render(Path html, Path scratch, int width, int height, Duration timeout)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(scratch, "chromium");
        Path png = work.resolve("screenshot.png");
        Path dom = work.resolve("dom.html");
        List<String> command = new ArrayList<>();
        command.add(EXECUTABLE.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + work.resolve("profile"));
        command.add("--window-size=" + width + "," + height);
        command.add("--screenshot=" + png);
        command.add("--dump-dom");
        command.add(html.toUri().toString());
        Process process = new ProcessBuilder(command)
                .redirectOutput(dom.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Chromium did not finish within " + timeout.toSeconds() + " s: " + command);
        }
        String text = Files.readString(dom, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + process.exitValue() + " on " + html + ": " + text);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new AssertionError("Chromium wrote no readable screenshot of " + html);
        }
        return new Page(text, image);
    }
}
