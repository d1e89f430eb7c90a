package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scratch folder of a tuning search, deleted while its trials still write into it: what a SIGTERM does, when
 * the search's shutdown hook and the trials' hooks and threads all run at once (a CI failure left the folder).
 */
class ScratchFolderTest {

    @TempDir
    Path temp;

    @Test
    void closeDeletesTheFolderAndItsContents() throws IOException {
        Path output = temp.resolve("search");
        ScratchFolder folder = ScratchFolder.beside(output, ScratchFolder.TUNE);
        Files.createDirectories(folder.path().resolve("trial-1/nested"));
        Files.writeString(folder.path().resolve("trial-1/nested/model.bin"), "weights");
        folder.close();
        folder.close(); // idempotent
        assertEquals(List.of(), entries(temp));
    }

    /**
     * Two threads keep creating and deleting trial folders inside the scratch folder while it is closed; on the old
     * code the walk met vanished entries and threw an {@code UncheckedIOException} its retry loop did not catch.
     */
    @RepeatedTest(30)
    void closeWinsAgainstTrialsThatKeepWritingIntoTheFolder() throws Exception {
        Path output = temp.resolve("search");
        ScratchFolder folder = ScratchFolder.beside(output, ScratchFolder.TUNE);
        Path root = folder.path();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> trials = Stream.of("a", "b")
                .map(name -> {
                    Thread trial = new Thread(() -> churn(root, name, started), "trial-" + name);
                    trial.setDaemon(true);
                    trial.start();
                    return trial;
                })
                .toList();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        folder.close();
        for (Thread trial : trials) {
            trial.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(trial.isAlive(), "a trial kept writing after its folder was gone");
        }
        assertEquals(List.of(), entries(temp), "nothing is left beside the output");
    }

    @Test
    void aFolderRenamedForDeletionThatOutlivedItsProcessIsSweptByTheNextSearch() throws IOException {
        Path output = temp.resolve("search");
        Path left = Files.createDirectories(
                temp.resolve(".search" + ScratchFolder.TUNE + "x1" + ScratchFolder.DELETING + "/trial/nested"));
        Path scratch = left.getParent().getParent();
        // the marker of a process that is gone (pid_max is far below this)
        Files.writeString(scratch.resolve(TempOwner.FILE), "{\"format\": 1, \"pid\": 999999999, \"started\": \"\"}");
        try (ScratchFolder next = ScratchFolder.beside(output, ScratchFolder.TUNE)) {
            assertFalse(Files.exists(scratch), "the abandoned folder was swept");
            assertEquals(List.of(next.path().getFileName().toString()), entries(temp));
        }
    }

    /** Creates and deletes trial folders inside {@code root} until {@code root} is gone. */
    private static void churn(Path root, String name, CountDownLatch started) {
        started.countDown();
        for (int i = 0; ; i++) {
            Path trial = root.resolve(name + i);
            try {
                // as a trial does: its folder only inside an existing scratch folder, never recreating that
                Files.createDirectory(trial);
                Files.writeString(trial.resolve("part"), "x");
                Files.createDirectory(trial.resolve("nested"));
                Files.writeString(trial.resolve("nested/part"), "y");
                if (i % 2 == 0) {
                    AtomicDirectory.deleteRecursively(trial);
                }
            } catch (IOException e) {
                if (!Files.exists(root)) {
                    return;
                }
            }
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
