package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit and the temporary folder against real process deaths, in a child JVM: a halt between the commit's
 * two moves (as a SIGKILL or power cut there would), and a SIGTERM while the run is being built.
 */
class CrashSafetyTest {

    @TempDir
    Path temp;

    @Test
    void aProcessKilledBetweenTheTwoMovesLeavesARunThatTheNextLoadOrRunFinds() throws Exception {
        Path target = AtomicDirectoryTest.fakeRun(temp.resolve("run"), "older");
        Process child = child("-D" + AtomicDirectory.HALT_BETWEEN_MOVES + "=true", "commit", target, "newer")
                .start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
        assertEquals(86, child.exitValue(), () -> "the child did not halt between the moves: " + output(child));
        assertTrue(Files.notExists(target), "the crash came after the old run was moved aside");

        AtomicDirectory.recover(target); // what loading the run (predict, inspect, Quiver.loadModel) does first

        RunMarker.verify(target);
        assertEquals("newer", Files.readString(target.resolve(RunBundle.MODEL)), "the commit was finished");
        try (AtomicDirectory next = AtomicDirectory.begin(target)) {
            assertEquals(
                    Set.of("run", ".run.lock", next.path().getFileName().toString()),
                    AtomicDirectoryTest.entries(temp),
                    "the old run moved aside is deleted by the next run");
        }
        assertEquals(Set.of("run"), AtomicDirectoryTest.entries(temp));
    }

    @Test
    void aSigtermWhileTheRunIsBuiltDeletesItsTemporaryFolderAndLock() throws Exception {
        Path target = AtomicDirectoryTest.fakeRun(temp.resolve("run"), "older");
        Process child =
                child(null, "wait", target, null).redirectErrorStream(true).start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            assertTrue(
                    AtomicDirectoryTest.entries(temp).stream().anyMatch(n -> n.startsWith(".run.tmp-")),
                    "the run is being built beside the target");
            child.destroy(); // SIGTERM: the shutdown hook runs
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not stop");
        }
        assertEquals(Set.of("run"), AtomicDirectoryTest.entries(temp), "no temporary folder or lock is left");
        assertEquals("older", Files.readString(target.resolve(RunBundle.MODEL)));
    }

    /** {@link CommitChild} in a JVM with this test's class path. */
    private static ProcessBuilder child(String property, String mode, Path target, String model) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (property != null) {
            command.add(property);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CommitChild.class.getName());
        command.add(mode);
        command.add(target.toString());
        if (model != null) {
            command.add(model);
        }
        return new ProcessBuilder(command);
    }

    private static String output(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
