package dev.quiver.runtime.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A history's retention ({@code output.keep}): which old runs go, and going without ever leaving a half-deleted run
 * under its id. Stateless; the caller holds the history's lock.
 */
final class Retention {

    /** The infix of a run renamed aside to be deleted ({@code .ID.pruned-*}); the next open finishes the job. */
    static final String PRUNED = ".pruned-";

    private Retention() {}

    /** See {@link RunHistory#prune}. */
    static List<String> prune(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        List<String> ids = HistoryLayout.runs(dir);
        Set<String> kept = new TreeSet<>();
        if (!ids.isEmpty()) {
            kept.add(ids.get(ids.size() - 1));
        }
        LatestFile.id(dir).ifPresent(kept::add);
        List<String> pruned = new ArrayList<>();
        int remaining = ids.size();
        for (String id : ids) {
            if (remaining <= keep) {
                break;
            }
            if (kept.contains(id)) {
                continue;
            }
            Path aside = dir.resolve("." + id + PRUNED + RunId.next(Instant.now(), Optional.empty()));
            try {
                FolderMoves.move(dir.resolve(id), aside);
                AtomicDirectory.deleteRecursively(aside);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prune the run " + dir.resolve(id), e);
            }
            pruned.add(id);
            remaining--;
        }
        return pruned;
    }
}
