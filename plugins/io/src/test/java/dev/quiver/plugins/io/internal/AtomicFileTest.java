package dev.quiver.plugins.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files of an output: what a stopped or killed writer leaves, and what the next writer removes. */
class AtomicFileTest {

    @TempDir
    Path temp;

    @Test
    void theNextWriteDeletesOnlyTemporaryFilesOfWritersThatAreGone() throws Exception {
        Path out = temp.resolve("out.csv");
        Path killed = Files.writeString(temp.resolve(".out.csv." + deadPid() + "-abc-x1.tmp"), "half");
        Path running = Files.writeString(
                temp.resolve(".out.csv." + ProcessHandle.current().pid() + "-0-x2.tmp"), "");
        Path users = Files.writeString(temp.resolve(".out.csv.notes.tmp"), "mine");
        Path otherTarget = Files.writeString(temp.resolve(".other.csv." + deadPid() + "-abc-x3.tmp"), "other");

        try (AtomicFile file = AtomicFile.create(out)) {
            file.channel().write(ByteBuffer.wrap("a\n1\n".getBytes(StandardCharsets.UTF_8)));
            file.commit();
        }

        assertFalse(Files.exists(killed), "a killed writer's temporary file is deleted");
        assertTrue(Files.exists(running), "a live writer's is kept");
        assertEquals("mine", Files.readString(users));
        assertTrue(Files.exists(otherTarget), "another target's files are not this write's business");
        assertEquals("a\n1\n", Files.readString(out));
    }

    @Test
    void aSigtermWhileWritingDeletesTheTemporaryFile() throws Exception {
        Path out = temp.resolve("out.csv");
        Process child = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        AtomicFileChild.class.getName(),
                        out.toString()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            Path tempFile = Path.of(lines.readLine());
            assertTrue(Files.exists(tempFile), "the child is writing " + tempFile);
            assertTrue(
                    tempFile.getFileName().toString().startsWith(".out.csv." + child.pid() + "-"),
                    "the temporary name carries its writer's pid: " + tempFile);
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertFalse(Files.exists(tempFile), "the shutdown hook deleted it");
        }
        try (var files = Files.list(temp)) {
            assertEquals(List.of(), files.toList());
        }
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.waitFor();
        return process.pid();
    }
}
