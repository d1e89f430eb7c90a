package dev.quiver.runtime.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a folder holds, as a run history sees it: whether it is a history, its run folders, and why a folder cannot
 * become one. Only reads; stateless and callable from any thread.
 */
final class HistoryLayout {

    private HistoryLayout() {}

    /**
     * Whether {@code dir} is a run history: a folder that is not itself a run and holds {@code LATEST} or at least
     * one run folder named by a {@link RunId}.
     */
    static boolean isHistory(Path dir) {
        if (!Files.isDirectory(dir) || isSingleRun(dir)) {
            return false;
        }
        return Files.exists(dir.resolve(RunHistory.LATEST), LinkOption.NOFOLLOW_LINKS) || !ids(dir).isEmpty();
    }

    /** The ids of the complete runs in {@code dir} (folders their marker describes), oldest first. */
    static List<String> runs(Path dir) {
        return ids(dir).stream().filter(id -> RunBundle.isRun(dir.resolve(id))).toList();
    }

    /** Every folder name in {@code dir} that is a run id (complete or not), sorted. */
    static List<String> ids(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(RunId::isId)
                    .filter(name -> Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Why {@code dir} cannot hold a run history, if it cannot. */
    static Optional<String> problem(Path dir) {
        if (!Files.exists(dir)) {
            return Files.isSymbolicLink(dir) ? Optional.of("is a broken symbolic link") : Optional.empty();
        }
        if (Files.isRegularFile(dir)) {
            return Optional.of("is a file");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("is not a folder (a FIFO, socket or device)");
        }
        if (isSingleRun(dir)) {
            return Optional.of("holds a single run (saved with --out, or by an older Quiver without a complete run "
                    + "marker); move it into a subfolder or elsewhere first");
        }
        if (Files.exists(dir.resolve(RunHistory.LATEST), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !RunId.isId(name))
                    .sorted()
                    .findFirst()
                    .map(name -> "exists and is not a Quiver run history (it holds " + name + ")");
        } catch (IOException e) {
            return Optional.of("cannot be listed (" + e + ")");
        }
    }

    private static boolean isSingleRun(Path dir) {
        return Files.exists(dir.resolve(RunMarker.FILE), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(dir.resolve(RunBundle.MODEL), LinkOption.NOFOLLOW_LINKS);
    }
}
