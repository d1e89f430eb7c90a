package dev.quiver.pipelines.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.RunMarker;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.testing.LeakCheckExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the golden bundles that {@link GoldenBundlesTest} loads: runs each pipeline of
 * {@code src/test/resources/golden/pipelines/} and stores its run folder, its fixed input rows
 * ({@code data/<source>-input.csv} beside the source's data file) and their predictions under
 * {@code src/test/resources/golden/<marker format>/<name>/}. Off unless asked for:
 * {@code ./mvnw -B -o -q -pl pipelines -am test -Dtest=GoldenBundlesGenerator -Dsurefire.failIfNoSpecifiedTests=false
 * -Dquiver.golden.write=true}.
 *
 * <p>It only adds: a golden bundle that exists is never rewritten, since the point of one is that a later Quiver
 * still reads what this one wrote. A new bundle format (a new {@link RunMarker#FORMAT}) gets new folders beside
 * the old ones.
 */
@ExtendWith(LeakCheckExtension.class)
@EnabledIfSystemProperty(named = "quiver.golden.write", matches = "true")
class GoldenBundlesGenerator {

    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .normalize()
            .resolve("src/test/resources/golden");
    private static final Pattern SOURCE = Pattern.compile("path: data/([\\w-]+)\\.csv");

    @TempDir
    Path runs;

    @Test
    void writesTheMissingGoldenBundles(BufferAllocator allocator) throws IOException {
        Path target = GOLDEN.resolve(Integer.toString(RunMarker.FORMAT));
        Quiver quiver = Quiver.create();
        List<Path> pipelines;
        try (Stream<Path> files = Files.list(GOLDEN.resolve("pipelines"))) {
            pipelines =
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(pipelines.size() >= 7, "the golden pipelines are in " + GOLDEN.resolve("pipelines"));
        for (Path pipeline : pipelines) {
            String name = pipeline.getFileName().toString().replace(".yaml", "");
            Path golden = target.resolve(name);
            if (Files.exists(golden)) {
                System.out.println("kept " + golden);
                continue;
            }
            Matcher source = SOURCE.matcher(Files.readString(pipeline, StandardCharsets.UTF_8));
            assertTrue(source.find(), pipeline + " reads a csv under data/");
            Path input = pipeline.resolveSibling("data/" + source.group(1) + "-input.csv");

            Path runDir = runs.resolve(name);
            RunResult run = quiver.run(
                    quiver.load(pipeline, List.of()), RunOptions.defaults().withOutputDir(runDir));
            Path runCopy = golden.resolve(GoldenRows.RUN);
            Files.createDirectories(runCopy);
            try (Stream<Path> files = Files.list(run.directory())) {
                for (Path file : files.sorted().toList()) {
                    Files.copy(file, runCopy.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Files.copy(input, golden.resolve(GoldenRows.INPUT));
            // predicted by the run as the reloaded bundle: the test then checks a later Quiver against these
            List<String> expected = GoldenRows.predict(quiver.loadModel(runCopy), input, allocator);
            Files.write(golden.resolve(GoldenRows.EXPECTED), expected, StandardCharsets.UTF_8);
            System.out.println("wrote " + golden);
        }
    }
}
