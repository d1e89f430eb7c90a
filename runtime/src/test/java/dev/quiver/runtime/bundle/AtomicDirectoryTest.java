package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {

    @TempDir
    Path temp;

    /** A folder holding what every run holds, with its marker: a run as far as replacing it goes. */
    static Path fakeRun(Path dir, String model) throws IOException {
        Files.createDirectories(dir);
        for (String file : Set.of(RunBundle.PIPELINE, RunBundle.SCHEMA, RunBundle.TRANSFORMS)) {
            Files.writeString(dir.resolve(file), file);
        }
        Files.writeString(dir.resolve(RunBundle.MODEL), model);
        RunMarker.write(dir, Set.of(TempOwner.FILE));
        return dir;
    }

    private Path olderRun() throws IOException {
        return fakeRun(temp.resolve("run"), "older");
    }

    private static void writeNewRun(AtomicDirectory folder, String model) throws IOException {
        for (String file : Set.of(RunBundle.PIPELINE, RunBundle.SCHEMA, RunBundle.TRANSFORMS)) {
            Files.writeString(folder.path().resolve(file), file);
        }
        Files.writeString(folder.path().resolve(RunBundle.MODEL), model);
    }

    @Test
    void commitReplacesTheOlderRunWritesItsMarkerAndLeavesNothingBeside() throws IOException {
        Path run = olderRun();
        try (AtomicDirectory folder = AtomicDirectory.begin(run)) {
            writeNewRun(folder, "newer");
            folder.commit();
        }
        assertEquals("newer", Files.readString(run.resolve(RunBundle.MODEL)));
        RunMarker.verify(run);
        assertEquals(
                Set.of(RunBundle.PIPELINE, RunBundle.SCHEMA, RunBundle.TRANSFORMS, RunBundle.MODEL, RunMarker.FILE),
                entries(run),
                "the owner marker of the temporary folder is gone");
        assertEquals(Set.of("run"), entries(temp), "no temporary, old or lock file is left");
    }

    @Test
    void aCommitThatFailsLeavesTheOlderRunWhereItWas() throws IOException {
        Path run = olderRun();
        try (AtomicDirectory folder = AtomicDirectory.begin(run)) {
            AtomicDirectory.deleteRecursively(folder.path()); // nothing to mark or move in
            QuiverException e = assertThrows(QuiverException.class, folder::commit);
            assertEquals(ErrorCode.DATA, e.code());
        }
        assertEquals("older", Files.readString(run.resolve(RunBundle.MODEL)));
        RunMarker.verify(run);
        assertEquals(Set.of("run"), entries(temp), "no .old- folder is left");
    }

    @Test
    void closingWithoutCommittingDeletesTheTemporaryFolderOnly() throws IOException {
        Path run = olderRun();
        try (AtomicDirectory folder = AtomicDirectory.begin(run)) {
            writeNewRun(folder, "unfinished");
        }
        assertEquals("older", Files.readString(run.resolve(RunBundle.MODEL)));
        assertEquals(Set.of("run"), entries(temp));
    }

    @Test
    void theRunFolderGetsTheSamePermissionsAsAnyNewFolder() throws IOException {
        Path probe = Files.createDirectory(temp.resolve("probe"));
        assumeTrue(Files.getFileStore(probe).supportsFileAttributeView("posix"));
        Path run = temp.resolve("run");
        try (AtomicDirectory folder = AtomicDirectory.begin(run)) {
            writeNewRun(folder, "new");
            folder.commit();
        }
        assertEquals(
                Files.getPosixFilePermissions(probe),
                Files.getPosixFilePermissions(run),
                "not the owner-only permissions of a temporary folder");
    }

    @Test
    void aFolderWithAModelJsonButNoMarkerIsRefusedAndLeftUntouched() throws IOException {
        Path app = Files.createDirectories(temp.resolve("webapp"));
        Files.writeString(app.resolve(RunBundle.MODEL), "{\"my\": \"app\"}");
        Files.writeString(app.resolve("index.html"), "<html>");
        QuiverException e = assertThrows(QuiverException.class, () -> AtomicDirectory.begin(app));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(
                e.getMessage().contains("is not a Quiver run") && e.getMessage().contains(RunMarker.FILE),
                e.getMessage());
        assertEquals(Set.of(RunBundle.MODEL, "index.html"), entries(app));
        assertEquals(Set.of("webapp"), entries(temp), "no temporary folder or lock is left");
    }

    @Test
    void aRunFolderHoldingAFileItsMarkerDoesNotListIsRefused() throws IOException {
        Path run = olderRun();
        Files.writeString(run.resolve("notes.txt"), "mine");
        QuiverException e = assertThrows(QuiverException.class, () -> AtomicDirectory.begin(run));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertEquals("mine", Files.readString(run.resolve("notes.txt")));
    }

    @Test
    void aFifoAtTheTargetIsRefusedAndStaysAFifo() throws Exception {
        Path fifo = temp.resolve("pipe");
        assumeTrue(mkfifo(fifo), "mkfifo is not available");
        QuiverException e = assertThrows(QuiverException.class, () -> AtomicDirectory.begin(fifo));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
        assertTrue(Files.exists(fifo) && !Files.isDirectory(fifo) && !Files.isRegularFile(fifo));
        assertEquals(Set.of("pipe"), entries(temp));
    }

    @Test
    void aFolderCreatedAtTheTargetDuringTheRunIsNotDeletedAtCommit() throws IOException {
        Path target = temp.resolve("run");
        try (AtomicDirectory folder = AtomicDirectory.begin(target)) {
            writeNewRun(folder, "new");
            Files.createDirectories(target);
            Files.writeString(target.resolve("thesis.tex"), "years of work");
            QuiverException e = assertThrows(QuiverException.class, folder::commit);
            assertEquals(ErrorCode.USAGE, e.code());
        }
        assertEquals("years of work", Files.readString(target.resolve("thesis.tex")));
        assertEquals(Set.of("thesis.tex"), entries(target));
        assertEquals(Set.of("run"), entries(temp));
    }

    @Test
    void aSecondRunToTheSameTargetIsRefusedAndCreatesNothing() throws IOException {
        Path run = olderRun();
        try (AtomicDirectory first = AtomicDirectory.begin(run)) {
            Set<String> before = entries(temp);
            QuiverException e = assertThrows(QuiverException.class, () -> AtomicDirectory.begin(run));
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(e.getMessage().contains("Another Quiver run is writing " + run), e.getMessage());
            assertEquals(before, entries(temp), "the loser left nothing");
            writeNewRun(first, "winner");
            first.commit();
        }
        assertEquals("winner", Files.readString(run.resolve(RunBundle.MODEL)));
        try (AtomicDirectory again = AtomicDirectory.begin(run)) {
            assertTrue(Files.isDirectory(again.path()), "the lock is free once the first run is done");
        }
    }

    @Test
    void theNextRunDeletesOnlyTemporaryFoldersOfQuiverProcessesThatAreGone() throws Exception {
        Path run = olderRun();
        Path killed = Files.createDirectories(temp.resolve(".run.tmp-killed"));
        Files.writeString(killed.resolve(RunBundle.MODEL), "half");
        Files.writeString(
                killed.resolve(TempOwner.FILE), "{\"format\": 1, \"pid\": " + deadPid() + ", \"started\": \"\"}");
        Path alive = Files.createDirectories(temp.resolve(".run.tmp-alive"));
        TempOwner.mark(alive);
        Path unmarked = Files.createDirectories(temp.resolve(".run.tmp-users"));
        Files.writeString(unmarked.resolve("keep.txt"), "not Quiver's");

        try (AtomicDirectory folder = AtomicDirectory.begin(run)) {
            assertTrue(Files.isDirectory(folder.path()), "the new run's own temp folder exists");
            assertFalse(Files.exists(killed), "a killed run's folder is deleted");
            assertTrue(Files.exists(alive), "a running process's folder is kept");
            assertEquals("not Quiver's", Files.readString(unmarked.resolve("keep.txt")));
        }
    }

    @Test
    void recoveryAfterACrashBetweenTheMovesFinishesTheCommit() throws Exception {
        Path target = temp.resolve("run");
        fakeRun(temp.resolve(".run.old-1"), "older");
        Path complete = fakeRun(temp.resolve(".run.tmp-2"), "newer");
        Files.writeString(complete.resolve(TempOwner.FILE), "{\"format\": 1, \"pid\": " + deadPid() + "}");

        AtomicDirectory.recover(target);

        assertEquals("newer", Files.readString(target.resolve(RunBundle.MODEL)));
        RunMarker.verify(target);
        assertFalse(Files.exists(target.resolve(TempOwner.FILE)));
        try (AtomicDirectory next = AtomicDirectory.begin(target)) {
            assertEquals(
                    Set.of("run", next.path().getFileName().toString(), ".run.lock"),
                    entries(temp),
                    "the next run deletes the old run once the new one is in place");
        }
    }

    @Test
    void recoveryPutsTheOldRunBackWhenTheNewOneIsIncomplete() throws Exception {
        Path target = temp.resolve("run");
        fakeRun(temp.resolve(".run.old-1"), "older");
        Path half = Files.createDirectories(temp.resolve(".run.tmp-2"));
        Files.writeString(half.resolve(TempOwner.FILE), "{\"format\": 1, \"pid\": " + deadPid() + "}");

        AtomicDirectory.recover(target);

        assertEquals("older", Files.readString(target.resolve(RunBundle.MODEL)));
        RunMarker.verify(target);
    }

    /** The pid of a process that has ended. */
    static long deadPid() throws Exception {
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.waitFor();
        return process.pid();
    }

    static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Set<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
