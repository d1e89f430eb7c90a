package dev.quiver.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks {@code quiver-VERSION.tar.gz} into a temporary folder and runs {@code bin/quiver run pipelines/iris.yaml}
 * as a user would: from the unpacked folder, with a PATH holding only sh, dirname, ls and sed (no Maven) and
 * JAVA_HOME naming this JVM, so that the launcher can rely on java alone.
 */
class DistributionArchiveTest {

    @Test
    void theUnpackedArchiveRunsAnExampleWithoutMaven(@TempDir Path dir) throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("quiver.archive"));
        assertTrue(Files.isRegularFile(archive), archive + " is missing; run ./mvnw package");
        assertEquals(0, run(dir, List.of("tar", "-xzf", archive.toString()), null).exit);

        String folder = archive.getFileName().toString().replace(".tar.gz", "");
        Path home = dir.resolve(folder);
        assertTrue(Files.isExecutable(home.resolve("bin/quiver")));
        assertTrue(Files.isRegularFile(home.resolve("plugins/README.md")));
        assertTrue(Files.isRegularFile(home.resolve("pipelines/data/iris.csv")));
        try (var jars = Files.list(home.resolve("lib"))) {
            assertTrue(jars.anyMatch(j -> j.getFileName().toString().startsWith("quiver-cli-")));
        }

        Result result = run(home, List.of("bin/quiver", "run", "pipelines/iris.yaml"), withoutMaven(dir));
        assertEquals(0, result.exit, result.output);
        Path runs = home.resolve("pipelines/runs/iris");
        assertTrue(Files.isDirectory(runs), result.output);
        try (var files = Files.walk(runs)) {
            assertTrue(
                    files.anyMatch(f -> f.getFileName().toString().equals("metrics.json")),
                    "no metrics.json under " + runs + "\n" + result.output);
        }
        assertFalse(result.output.contains("Exception"), result.output);
    }

    /**
     * A PATH of one folder holding links to the POSIX tools the launcher uses and nothing else: /usr/bin holds
     * mvn on many machines, so filtering entries would drop the tools too; this way no Maven can be found.
     */
    private static String withoutMaven(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("path-without-maven"));
        for (String tool : List.of("sh", "dirname", "ls", "sed")) {
            for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path found = Path.of(entry, tool);
                if (!entry.isEmpty() && Files.isExecutable(found)) {
                    Files.createSymbolicLink(bin.resolve(tool), found);
                    break;
                }
            }
        }
        return bin.toString();
    }

    private record Result(int exit, String output) {}

    private static Result run(Path dir, List<String> command, String path) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (path != null) {
            builder.environment().put("PATH", path);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().remove("MAVEN_HOME");
            builder.environment().remove("M2_HOME");
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        return new Result(process.exitValue(), output);
    }
}
