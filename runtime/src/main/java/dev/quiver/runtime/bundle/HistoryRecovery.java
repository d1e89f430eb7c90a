package dev.quiver.runtime.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What {@link RunHistory#open} does to a history folder before a run uses it: finish or undo what killed runs
 * left. Stateless; the caller holds the history's lock.
 */
final class HistoryRecovery {

    private HistoryRecovery() {}

    /**
     * Finishes or undoes what killed runs left in {@code dir}, with its lock held: each {@code .ID.*} entry's
     * commit is recovered and its abandoned folders swept as {@link AtomicDirectory#begin} does for one target,
     * leftover locks of dead runs and half-done prunes are deleted.
     */
    static void recover(Path dir) throws IOException {
        Set<String> ids = new TreeSet<>();
        List<Path> pruned = new ArrayList<>();
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith("." + RunHistory.LATEST + ".tmp-")) {
                    stale.add(entry);
                }
                int dot = name.indexOf('.', 1);
                if (!name.startsWith(".") || dot < 0 || !RunId.isId(name.substring(1, dot))) {
                    continue;
                }
                ids.add(name.substring(1, dot));
                if (name.startsWith(Retention.PRUNED, dot)) {
                    pruned.add(entry);
                }
            }
        }
        for (Path entry : stale) {
            Files.deleteIfExists(entry);
        }
        for (Path entry : pruned) {
            AtomicDirectory.deleteRecursively(entry);
        }
        for (String id : ids) {
            Path target = dir.resolve(id);
            Optional<OutputLock> idLock = OutputLock.tryAcquire(target);
            if (idLock.isEmpty()) {
                continue; // a live run in another history lock? Leave its files alone.
            }
            try {
                CommitRecovery.recoverLocked(target);
                CommitRecovery.sweep(target);
            } finally {
                idLock.get().close(); // also deletes the .ID.lock a killed run left
            }
        }
    }
}
