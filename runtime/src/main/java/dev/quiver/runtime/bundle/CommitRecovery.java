package dev.quiver.runtime.bundle;

import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@link AtomicDirectory} does about runs that a crash or a kill interrupted: finishing or undoing a commit
 * stopped between its two moves, and deleting the temporary and moved-aside folders that dead processes left
 * beside a target. Stateless; every method is called with the target's {@link OutputLock} held, or takes it.
 */
final class CommitRecovery {

    private CommitRecovery() {}

    /**
     * Finishes or undoes a commit that a crash interrupted, if {@code target} is missing and no other run holds
     * it: a complete new run beside it ({@code .NAME.tmp-*} with its marker) is moved in; otherwise the old run
     * moved aside ({@code .NAME.old-*}) is moved back. Loading a run calls this, so a service restarted after a
     * crash finds its model.
     */
    static void recover(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)
                || absolute.getParent() == null
                || !Files.isDirectory(absolute.getParent())) {
            return;
        }
        try {
            Path real = absolute.getParent().toRealPath().resolve(absolute.getFileName());
            if (siblings(real, AtomicDirectory.TEMP).isEmpty()
                    && siblings(real, AtomicDirectory.OLD).isEmpty()) {
                return;
            }
            Optional<OutputLock> lock = OutputLock.tryAcquire(real);
            if (lock.isPresent()) {
                // Held, not used: the lock keeps any other run out of the middle of its commit meanwhile.
                try {
                    recoverLocked(real);
                } finally {
                    lock.get().close();
                }
            }
        } catch (IOException | QuiverException e) {
            // Nothing to recover from here (a read-only folder): the load reports the missing run.
        }
    }

    /** {@link #recover} while holding the target's lock, so no live run is in the middle of its commit. */
    static void recoverLocked(Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path temp : siblings(target, AtomicDirectory.TEMP)) {
            if (TempOwner.isAbandoned(temp) && RunMarker.isRun(temp, Set.of(TempOwner.FILE))) {
                FolderMoves.move(temp, target);
                Files.deleteIfExists(target.resolve(TempOwner.FILE));
                FolderMoves.forceFolder(target.getParent());
                return;
            }
        }
        for (Path old : siblings(target, AtomicDirectory.OLD)) {
            if (RunMarker.isRun(old, Set.of(TempOwner.FILE))) {
                FolderMoves.move(old, target);
                FolderMoves.forceFolder(target.getParent());
                return;
            }
        }
    }

    /**
     * Deletes what killed runs left beside {@code target}: temporary folders carrying Quiver's owner marker whose
     * process is gone, and old runs moved aside by a commit that then finished (the target is a run again). Called
     * with the target's lock held.
     */
    static void sweep(Path target) throws IOException {
        ScratchFolder.sweep(target, ScratchFolder.TUNE);
        for (Path temp : siblings(target, AtomicDirectory.TEMP)) {
            if (TempOwner.isAbandoned(temp)) {
                AtomicDirectory.deleteRecursively(temp);
            }
        }
        if (RunMarker.isRun(target, Set.of(TempOwner.FILE))) {
            for (Path old : siblings(target, AtomicDirectory.OLD)) {
                if (RunMarker.isRun(old, Set.of(TempOwner.FILE))) {
                    AtomicDirectory.deleteRecursively(old);
                }
            }
        }
    }

    /** The real folders (not links) beside {@code target} named {@code .NAME<kind>*}. */
    private static List<Path> siblings(Path target, String kind) throws IOException {
        String prefix = "." + target.getFileName() + kind;
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(target.getParent())) {
            entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .forEach(found::add);
        }
        return found;
    }
}
