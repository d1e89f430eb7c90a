package dev.quiver.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A run history written by a Quiver from before run history: {@code output.dir} itself is one complete run folder
 * (its marker describes it) and there is no {@code LATEST}. Commands that read runs take such a folder as its one
 * run; the next {@code quiver run} migrates it, with the history's lock held, into {@code output.dir/<id>} (the id
 * from run.json's start time, else the marker's modification time) and points {@code LATEST} at it.
 *
 * <p>The migration never leaves the run half-moved: the history is built aside, as {@code .NAME.migrating-*}
 * beside the folder, by two renames: the run into it under its id (then {@code LATEST} is written), and the whole
 * into place. A crash before the first leaves an empty staging folder, which the next open deletes before it
 * migrates; a crash between them (or while writing {@code LATEST}) leaves {@code output.dir} absent and the staged
 * history beside it, which the next open finishes, even when that recovery is killed in turn
 * ({@code LegacyRunTest} stops the migration after each step). Stateless; {@link #isLegacy} from any thread, {@link #migrate} with the history's lock held.
 */
public final class LegacyRun {

    private static final String MIGRATING = ".migrating-";

    /** The steps of a migration, each a point a kill may stop it at (see {@link #migrate(Path, Consumer)}). */
    static final String STAGED = "staged";

    static final String MOVED = "moved";
    static final String LATEST_WRITTEN = "latest-written";

    private LegacyRun() {}

    /**
     * Whether {@code dir} is a single complete run an older Quiver saved (its marker describes it, it has no
     * run.json). A run saved with {@code --out} has a run.json and is not migrated: it is the user's exact folder.
     */
    public static boolean isLegacy(Path dir) {
        return !Files.exists(dir.resolve(RunBundle.RUN), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(dir.resolve(RunHistory.LATEST), LinkOption.NOFOLLOW_LINKS)
                && RunBundle.isRun(dir);
    }

    /** Whether a migration into {@code dir} was interrupted: the folder is absent and a staged history waits. */
    static boolean interrupted(Path dir) {
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && staged(dir).isPresent();
    }

    /**
     * Migrates {@code dir} when it is a single run, or finishes an interrupted migration; does nothing otherwise.
     *
     * @return the id the run now has, when this call moved it
     */
    static Optional<String> migrate(Path dir) throws IOException {
        return migrate(dir, step -> {});
    }

    /**
     * {@link #migrate(Path)}, telling {@code reached} the name of each step as it is done: a test stops the
     * migration there (by throwing) to leave exactly what a kill at that point leaves.
     */
    static Optional<String> migrate(Path dir, Consumer<String> reached) throws IOException {
        Path parent = dir.getParent();
        Optional<Path> staged = staged(dir);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (staged.isPresent() && isEmpty(staged.get())) {
                Files.delete(staged.get()); // killed before the run moved: nothing happened yet
            }
            if (!isLegacy(dir)) {
                return Optional.empty();
            }
            String id = RunId.next(startedOf(dir), Optional.empty());
            Path staging = FolderMoves.createUnique(parent, "." + dir.getFileName() + MIGRATING);
            reached.accept(STAGED);
            FolderMoves.move(dir, staging.resolve(id));
            reached.accept(MOVED);
            LatestFile.write(staging, id);
            reached.accept(LATEST_WRITTEN);
            FolderMoves.move(staging, dir);
            FolderMoves.forceFolder(parent);
            return Optional.of(id);
        }
        if (staged.isEmpty()) {
            return Optional.empty();
        }
        Path staging = staged.get();
        List<String> ids = HistoryLayout.ids(staging);
        if (ids.isEmpty()) {
            Files.delete(staging); // killed before the run moved in, and the run is gone: nothing to finish
            return Optional.empty();
        }
        if (RunHistory.latest(staging).isEmpty()) {
            LatestFile.write(staging, ids.get(ids.size() - 1));
            reached.accept(LATEST_WRITTEN);
        }
        FolderMoves.move(staging, dir);
        FolderMoves.forceFolder(parent);
        return Optional.of(ids.get(ids.size() - 1));
    }

    /** When the run in {@code dir} started: run.json's {@code started}, else when its marker was written. */
    private static Instant startedOf(Path dir) throws IOException {
        Path facts = dir.resolve(RunBundle.RUN);
        if (Files.isRegularFile(facts, LinkOption.NOFOLLOW_LINKS)) {
            JsonNode started = RunBundle.readJson(facts).path("started");
            if (started.isTextual()) {
                try {
                    return Instant.parse(started.asText());
                } catch (DateTimeParseException edited) {
                    // fall back on the marker's time
                }
            }
        }
        return Files.getLastModifiedTime(dir.resolve(RunMarker.FILE)).toInstant();
    }

    /** The staged history of an interrupted migration into {@code dir}, if one is beside it. */
    private static Optional<Path> staged(Path dir) {
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return Optional.empty();
        }
        String prefix = "." + dir.getFileName() + MIGRATING;
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
