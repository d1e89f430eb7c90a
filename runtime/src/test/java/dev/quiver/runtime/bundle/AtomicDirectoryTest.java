package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    private Path olderRun() throws IOException {
        Path run = Files.createDirectories(temp.resolve("run"));
        Files.writeString(run.resolve(RunBundle.MODEL), "older");
        return run;
    }

    @Test
    void commitReplacesTheOlderRunAndLeavesNoTemporaryFolder() throws IOException {
        Path run = olderRun();
        try (AtomicDirectory folder = AtomicDirectory.begin(run)) {
            Files.writeString(folder.path().resolve(RunBundle.MODEL), "newer");
            folder.commit();
        }
        assertEquals("newer", Files.readString(run.resolve(RunBundle.MODEL)));
        assertEquals(Set.of("run"), entries(temp));
    }

    @Test
    void aCommitThatCannotMoveTheNewRunInPutsTheOlderRunBack() throws IOException {
        Path run = olderRun();
        try (AtomicDirectory folder = AtomicDirectory.begin(run)) {
            AtomicDirectory.deleteRecursively(folder.path()); // the move of the new folder will fail
            QuiverException e = assertThrows(QuiverException.class, folder::commit);
            assertEquals(ErrorCode.DATA, e.code());
        }
        assertEquals("older", Files.readString(run.resolve(RunBundle.MODEL)));
        assertEquals(Set.of("run"), entries(temp), "no .old- folder is left");
    }

    @Test
    void closingWithoutCommittingDeletesTheTemporaryFolderOnly() throws IOException {
        Path run = olderRun();
        try (AtomicDirectory folder = AtomicDirectory.begin(run)) {
            Files.writeString(folder.path().resolve(RunBundle.MODEL), "unfinished");
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
            folder.commit();
        }
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(run),
                "not the owner-only permissions of a temporary folder");
    }

    private static Set<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
