package dev.quiver.pipelines.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunMarker;
import dev.quiver.testing.LeakCheckExtension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * This test stays forever: every run folder an earlier Quiver wrote into {@code golden/<format>/<name>/run}
 * ({@link GoldenBundlesGenerator}) must still load and predict, on its fixed {@code input.csv} rows, exactly the
 * {@code expected.csv} values it predicted when it was written, bit for bit. A change that breaks it breaks
 * every saved model of that format: read the old format instead, never regenerate the bundle.
 */
@ExtendWith(LeakCheckExtension.class)
class GoldenBundlesTest {

    /** One golden bundle per model family, written by marker format 1; each format's set only grows. */
    private static final Set<String> FORMAT_1 =
            Set.of("least-squares", "linear-gd", "logistic", "softmax", "mlp", "naive-bayes", "tribuo");

    @TempDir
    Path temp;

    static Path golden() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(GoldenBundlesTest.class.getResource("/golden/1"))
                        .toURI())
                .getParent();
    }

    /** Every golden bundle, as {@code <format>/<name>}. */
    static List<String> bundles() throws IOException, URISyntaxException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> formats = Files.list(golden())) {
            for (Path format : formats.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .sorted()
                    .toList()) {
                try (Stream<Path> names = Files.list(format)) {
                    names.filter(Files::isDirectory)
                            .sorted()
                            .forEach(n -> out.add(format.getFileName() + "/" + n.getFileName()));
                }
            }
        }
        return out;
    }

    @Test
    void everyModelFamilyHasAGoldenBundle() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String bundle : bundles()) {
            if (bundle.startsWith("1/")) {
                names.add(bundle.substring(2));
            }
        }
        assertTrue(names.containsAll(FORMAT_1), "golden/1 holds " + names + ", it must keep " + FORMAT_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void aGoldenBundleLoadsAndPredictsWhatItPredictedWhenWritten(String bundle, BufferAllocator allocator)
            throws Exception {
        Path source = golden().resolve(bundle);
        int format = Integer.parseInt(bundle.substring(0, bundle.indexOf('/')));
        JsonNode marker = new ObjectMapper()
                .readTree(source.resolve(GoldenRows.RUN).resolve(RunMarker.FILE).toFile());
        assertEquals(format, marker.path("format").asInt(-1), "the marker's format is its folder's");
        assertTrue(
                marker.path("files").has("model.json")
                        && marker.path("files").path("model.json").has("format"),
                marker.toString());

        // loading may finish or undo a commit in the folder: it gets a copy, never the test resources
        Path run = temp.resolve("run");
        Files.createDirectories(run);
        try (Stream<Path> files = Files.list(source.resolve(GoldenRows.RUN))) {
            for (Path file : files.toList()) {
                Files.copy(file, run.resolve(file.getFileName()));
            }
        }
        FittedPipeline model = Quiver.create().loadModel(run);
        List<String> actual = GoldenRows.predict(model, source.resolve(GoldenRows.INPUT), allocator);
        List<String> expected = Files.readAllLines(source.resolve(GoldenRows.EXPECTED), StandardCharsets.UTF_8);
        assertEquals(String.join("\n", expected), String.join("\n", actual), bundle + " predicts what it did");
        assertTrue(actual.size() > 5, "the bundle predicted its input rows");
    }
}
