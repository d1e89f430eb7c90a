package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./quiver} launcher itself, on the runtime classpath alone ({@code QUIVER_CLASSPATH}: the jars it runs
 * from {@code pipelines/target/lib}, which does not exist yet when tests run). Every other test runs on the test
 * classpath, which also holds test-scoped jars: a test-scoped protobuf-java once shadowed the one Tribuo brings,
 * and {@code ./quiver} could not load any Tribuo model while every test passed. And a signal to the launcher's pid
 * (a process manager's SIGTERM) once killed the script and left Java serving, orphaned, on its port.
 */
class LauncherTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"iris-tribuo-logistic.yaml", "iris-kmeans.yaml", "wine-xgboost.yaml"})
    void anExamplePipelineRunsOnTheLaunchersClasspath(String pipeline) throws Exception {
        Path out = temp.resolve("run");
        Process process = launch(
                temp.resolve("output.txt"),
                "run",
                EXAMPLES.resolve(pipeline).toString(),
                "--out",
                out.toString(),
                "--quiet");
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the run did not end");
        String output = Files.readString(temp.resolve("output.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")), output);
    }

    @Test
    void shortCommandsRunOnTheClientCompilerAloneAndQuiverJavaOptsCanSayOtherwise() throws Exception {
        String flags = "-XX:+PrintFlagsFinal";
        assertEquals("1", tieredStopAtLevel(flags, "validate", "--help"));
        // the value of --plugin-dir is not the command, though it is spelt like one
        assertEquals("1", tieredStopAtLevel(flags, "--debug", "--plugin-dir", "run", "plugins", "--help"));
        assertEquals("4", tieredStopAtLevel(flags, "run", "--help"));
        assertEquals("4", tieredStopAtLevel(flags, "predict", "--help"));
        assertEquals("4", tieredStopAtLevel(flags + " -XX:TieredStopAtLevel=4", "validate", "--help"));
    }

    /** The JIT tier the launcher's Java ended at for {@code args}, from {@code -XX:+PrintFlagsFinal}. */
    private String tieredStopAtLevel(String javaOpts, String... args) throws Exception {
        Path log = temp.resolve("flags.txt");
        Process process = launch(log, Map.of("QUIVER_JAVA_OPTS", javaOpts), args);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        Matcher level = Pattern.compile("TieredStopAtLevel\\s+=\\s+(\\d)").matcher(output);
        assertTrue(level.find(), output);
        return level.group(1);
    }

    @Test
    void javasExitCodeAndErrorsComeThroughWithoutTheIncubatorNotice() throws Exception {
        Path log = temp.resolve("output.txt");
        Process process = launch(log, "validate", temp.resolve("missing.yaml").toString());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("pipeline file not found"), output);
        assertFalse(output.contains("incubator"), output);
    }

    @Test
    void sigtermToTheLauncherDrainsTheServerAndLeavesNoJavaBehind() throws Exception {
        Path run = temp.resolve("prices");
        Process train = launch(
                temp.resolve("train.txt"),
                "run",
                EXAMPLES.resolve("house-prices.yaml").toString(),
                "--out",
                run.toString(),
                "--quiet");
        assertTrue(train.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, train.exitValue(), Files.readString(temp.resolve("train.txt"), StandardCharsets.UTF_8));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path log = temp.resolve("serve.txt");
        Process launcher =
                launch(log, "serve", "--model", "prices=" + run, "--host", "127.0.0.1", "--port", String.valueOf(port));
        List<ProcessHandle> children = new ArrayList<>();
        try {
            for (int i = 0;
                    i < 600 && !Files.readString(log, StandardCharsets.UTF_8).contains("Serving");
                    i++) {
                assertTrue(launcher.isAlive(), Files.readString(log, StandardCharsets.UTF_8));
                Thread.sleep(100);
            }
            assertTrue(Files.readString(log, StandardCharsets.UTF_8).contains("Serving"), "the server did not start");
            launcher.descendants().forEach(children::add);
            assertTrue(
                    children.stream()
                            .anyMatch(p -> p.info().command().orElse("").endsWith("java")),
                    "java runs under the launcher: " + children);

            launcher.destroy(); // SIGTERM to the script's pid, as a process manager sends it
            assertTrue(launcher.waitFor(1, TimeUnit.MINUTES), "the launcher did not stop");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, launcher.exitValue(), "the drained server's exit code comes through: " + output);
            assertTrue(output.contains("every accepted request was answered"), output);
            for (ProcessHandle child : children) {
                assertFalse(child.isAlive(), "left running after the launcher stopped: " + child.info());
            }
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    /** {@code ../quiver ARGS} on the runtime classpath, its stdout and stderr into {@code log}. */
    private static Process launch(Path log, String... args) throws IOException {
        return launch(log, Map.of(), args);
    }

    /** As {@link #launch(Path, String...)} with {@code env} added to the launcher's environment. */
    private static Process launch(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of("bash", EXAMPLES.getParent().resolve("quiver").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUIVER_CLASSPATH", runtimeClasspath());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The runtime-scope classpath the build wrote (pipelines/pom.xml, launcher-classpath), with this module's classes. */
    private static String runtimeClasspath() throws IOException {
        String file = System.getProperty("quiver.runtimeClasspath");
        assertTrue(file != null, "quiver.runtimeClasspath is not set: run through Maven");
        String classpath =
                Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        return classpath + File.pathSeparator + EXAMPLES.resolve("target/classes");
    }
}
