package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.Plugin;
import dev.quiver.cli.Main;
import dev.quiver.testing.MapConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin author's path end to end: {@code examples/third-party-plugin} (a metric carrying Guava 16, against
 * Quiver's 31) is built by Maven outside the reactor, against quiver-api and quiver-test-fixtures installed into a
 * private local repository (never {@code ~/.m2}); its folder goes into a plugin folder and a pipeline run through
 * the CLI uses it. Slow (two Maven invocations, about a minute), so it is the only test of its kind.
 */
class ThirdPartyPluginTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void aPluginBuiltOutsideTheReactorRunsInAPipelineFromAPluginFolder() throws Exception {
        Path repo = temp.resolve("m2");
        install(repo, ROOT.resolve("pom.xml"), ROOT.resolve("pom.xml"), "pom");
        install(repo, jarOf(Plugin.class), ROOT.resolve("api/pom.xml"), "jar");
        install(repo, jarOf(MapConfig.class), ROOT.resolve("test-fixtures/pom.xml"), "jar");

        Path project = temp.resolve("third-party-plugin");
        copyTree(ROOT.resolve("examples/third-party-plugin"), project);
        maven(repo, "-f", project.resolve("pom.xml").toString(), "package"); // runs the example's own tests too

        Path bundle = Files.createDirectories(temp.resolve("plugins/medae-metric"));
        Files.copy(project.resolve("target/medae-metric-1.0.0.jar"), bundle.resolve("medae-metric-1.0.0.jar"));
        Files.copy(project.resolve("target/plugin/medae-metric/guava-16.0.1.jar"), bundle.resolve("guava-16.0.1.jar"));

        Result plugins =
                quiver("plugins", "--plugin-dir", temp.resolve("plugins").toString());
        assertEquals(0, plugins.code(), plugins.err());
        assertTrue(
                plugins.out().contains("  medae ")
                        && plugins.out()
                                .contains("Median absolute error (regression); lower is better.  [" + bundle + "]"),
                plugins.out());

        Path pipeline = Files.writeString(
                temp.resolve("diabetes-medae.yaml"), """
                version: 1
                name: diabetes-medae
                seed: 42
                source: {type: csv, path: %s}
                columns: {target: progression}
                split: {test: 0.2}
                transforms: [{type: standardize}]
                model: {type: linear-regression}
                evaluate: [medae, mae, rmse]
                output: {dir: runs/medae}
                """.formatted(ROOT.resolve("pipelines/data/diabetes.csv")));
        Result run = quiver(
                "run",
                pipeline.toString(),
                "--plugin-dir",
                temp.resolve("plugins").toString());
        assertEquals(0, run.code(), run.err());

        JsonNode metrics = new ObjectMapper()
                .readTree(temp.resolve("runs/medae")
                        .resolve(Files.readString(temp.resolve("runs/medae/LATEST"))
                                .strip())
                        .resolve("metrics.json")
                        .toFile());
        JsonNode test = metrics.findValue("test");
        double medae = test.get("medae").asDouble();
        double mae = test.get("mae").asDouble();
        assertTrue(medae > 0 && medae < test.get("rmse").asDouble(), "medae " + medae + " in " + test);
        assertTrue(medae <= mae * 1.5, "the median error is of the mean error's order: " + medae + " vs " + mae);
        String all = metrics.toString();
        assertTrue(all.contains("medae{rows="), "details made with Guava 16's Objects.toStringHelper: " + all);
    }

    private record Result(int code, String out, String err) {}

    private static Result quiver(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        Path location =
                Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(location.toString().endsWith(".jar"), "run through 'verify' so the module jars exist: " + location);
        return location;
    }

    private void install(Path repo, Path file, Path pom, String packaging) throws Exception {
        maven(repo, "install:install-file", "-Dfile=" + file, "-DpomFile=" + pom, "-Dpackaging=" + packaging);
    }

    /** Runs Quiver's Maven wrapper with the private repository in front of this build's (read-only) one. */
    private void maven(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ROOT.resolve("mvnw").toString(),
                "-B",
                "-q",
                "-Dmaven.repo.local=" + repo,
                "-Dmaven.repo.local.tail=" + System.getProperty("quiver.localRepository")));
        command.add("-o"); // this build already holds every plugin and library the example needs
        command.addAll(List.of(args));
        Path log = Files.createTempFile(temp, "maven", ".log");
        Process process = new ProcessBuilder(command)
                .directory(temp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = process.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        assertTrue(done && process.exitValue() == 0, "maven " + String.join(" ", args) + ":\n" + Files.readString(log));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p :
                    walk.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
