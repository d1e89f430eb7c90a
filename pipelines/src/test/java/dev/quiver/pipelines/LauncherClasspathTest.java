package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI on the runtime classpath alone, the jars {@code ./quiver} runs from {@code pipelines/target/lib}, in a
 * child JVM: every other test runs on the test classpath, which also holds test-scoped jars. A test-scoped
 * protobuf-java once shadowed the one Tribuo brings, and {@code ./quiver} could not load any Tribuo model while
 * every test passed. One pipeline per family whose jars the engine's pipelines do not load.
 */
class LauncherClasspathTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"iris-tribuo-logistic.yaml", "iris-kmeans.yaml", "wine-xgboost.yaml"})
    void anExamplePipelineRunsOnTheLaunchersClasspath(String pipeline) throws Exception {
        Path examples = Path.of("").toAbsolutePath();
        Path out = temp.resolve("run");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-cp");
        command.add(runtimeClasspath());
        command.add(Main.class.getName());
        command.addAll(List.of("run", examples.resolve(pipeline).toString(), "--out", out.toString(), "--quiet"));
        Path log = temp.resolve("output.txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the run did not end");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")), output);
    }

    /** The runtime-scope classpath the build wrote (pipelines/pom.xml, launcher-classpath). */
    private static String runtimeClasspath() throws IOException {
        String file = System.getProperty("quiver.runtimeClasspath");
        assertTrue(file != null, "quiver.runtimeClasspath is not set: run through Maven");
        String classpath =
                Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        // the module's own classes are not in its dependency classpath; the CLI is, as a sibling module
        return classpath + File.pathSeparator + Path.of("target/classes").toAbsolutePath();
    }
}
