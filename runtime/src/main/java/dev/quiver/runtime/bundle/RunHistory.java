package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A run history: the folder {@code output.dir} names, holding one run folder per run, named by its
 * {@link RunId}, and {@code LATEST}, a one-line text file naming the run that {@code predict runs/NAME} and the
 * other commands use.
 *
 * <pre>
 * runs/iris/
 *   LATEST                      "20261203T114500Z-3f9a1c\n", replaced atomically after each commit
 *   20261203T114012Z-0c41d2/    a run folder (see {@link RunBundle}), committed by {@link AtomicDirectory}
 *   20261203T114500Z-3f9a1c/
 *   .checkpoints/               the in-flight run's checkpoints, which {@code quiver run --resume} continues
 * </pre>
 *
 * <p>Why a file and not a {@code latest} symbolic link: a file works on every filesystem (FAT and exFAT disks,
 * SMB shares, Windows without developer mode), survives zip and copy tools that drop or follow links, is replaced
 * atomically by a rename everywhere, and can be read and edited by hand (point it at an older run to roll a
 * served model back; retention never prunes the run it names).
 *
 * <p>One run at a time writes a history: {@link #open} takes {@code .NAME.lock} beside the folder for the whole
 * run, so ids, {@code LATEST}, the checkpoint slot and pruning never race. Opening also finishes or undoes what a
 * killed run left inside (its {@code .ID.tmp-*} folders, an interrupted commit, a half-done prune). An instance is
 * confined to the run's thread; the static readers are stateless and may be called from any thread.
 */
public final class RunHistory implements AutoCloseable {

    /** The file naming the history's current run. */
    public static final String LATEST = "LATEST";
    /** Where the history's in-flight run keeps its checkpoints. */
    public static final String CHECKPOINTS = ".checkpoints";

    private final Path dir;
    private final OutputLock lock;
    /** Whether {@link #open} made the folder: then closing deletes it when empty (a failed first run leaves none). */
    private final boolean created;

    private RunHistory(Path dir, OutputLock lock, boolean created) {
        this.dir = dir;
        this.lock = lock;
        this.created = created;
    }

    /** {@link #open(Path, Consumer)} with the notes dropped. */
    public static RunHistory open(Path dir) {
        return open(dir, note -> {});
    }

    /**
     * Opens {@code dir} for a new run: creates it when absent, locks it and cleans up after killed runs. A single
     * run saved there by a Quiver from before run history is first moved into the history (see {@link LegacyRun}),
     * and {@code notes} is told so.
     *
     * @throws QuiverException {@link ErrorCode#USAGE} when {@code dir} exists and is not a history (a file, a
     *     user's folder, a single run saved with {@code --out}, a folder of an older Quiver without a run marker);
     *     {@link ErrorCode#DATA} when another run writes it or it cannot be created
     */
    public static RunHistory open(Path dir, Consumer<String> notes) {
        Path absolute = dir.toAbsolutePath().normalize();
        boolean migrate = LegacyRun.isLegacy(absolute) || LegacyRun.interrupted(absolute);
        if (!migrate) {
            HistoryLayout.problem(absolute).ifPresent(why -> {
                throw new QuiverException(
                        ErrorCode.USAGE,
                        "The output " + absolute + " " + why + ", so no run history is kept there; choose another "
                                + "output.dir, or pass --out DIR to save one run into exactly that folder.");
            });
        }
        Path real;
        boolean created = !migrate && !Files.exists(absolute);
        try {
            if (migrate) {
                Path parent = absolute.getParent();
                real = parent == null ? absolute : parent.toRealPath().resolve(absolute.getFileName());
            } else {
                Files.createDirectories(absolute);
                real = absolute.toRealPath();
            }
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot create the run history " + absolute + ": " + e, e);
        }
        if (real.getParent() == null) {
            throw new QuiverException(
                    ErrorCode.USAGE, "The output " + absolute + " is a root folder; give a folder inside it.");
        }
        OutputLock lock = OutputLock.acquire(real);
        try {
            if (migrate) {
                LegacyRun.migrate(real)
                        .ifPresent(id -> notes.accept("Moved the single run in " + real
                                + " (saved by a Quiver from before run history) into " + real.resolve(id) + "; "
                                + real + " is now a run history and its " + LATEST + " names that run."));
                if (!isHistory(real)) {
                    throw new QuiverException(
                            ErrorCode.USAGE,
                            "The output " + real + " could not be made a run history ("
                                    + HistoryLayout.problem(real).orElse("") + "); choose another output.dir.");
                }
            }
            HistoryRecovery.recover(real);
            return new RunHistory(real, lock, created);
        } catch (IOException | UncheckedIOException e) {
            lock.close();
            throw new QuiverException(ErrorCode.DATA, "Cannot clean up the run history " + real + ": " + e, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The history folder (its real path). */
    public Path dir() {
        return dir;
    }

    /** The id of a run starting now: after every id in the history (see {@link RunId#next}). */
    public String nextId(Instant now) {
        List<String> ids = new ArrayList<>(HistoryLayout.ids(dir));
        return RunId.next(now, ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1)));
    }

    /** Where this history's in-flight run keeps its checkpoints ({@code .checkpoints}). */
    public Path checkpoints() {
        return dir.resolve(CHECKPOINTS);
    }

    /** Points {@code LATEST} at {@code id}: written aside, forced to disk and renamed over the old one. */
    public void markLatest(String id) {
        LatestFile.write(dir, id);
    }

    /**
     * Deletes the oldest complete runs until {@code keep} remain, never the newest run nor the one {@code LATEST}
     * names (which may then make {@code keep + 1}). Each is renamed aside ({@code .ID.pruned-*}) before it is
     * deleted, so a kill mid-way never leaves a half-deleted run under its id; the next open finishes the job.
     *
     * @return the ids pruned, oldest first
     */
    public List<String> prune(int keep) {
        return Retention.prune(dir, keep);
    }

    /** Releases the lock; a history folder this run created and left empty (it failed) is deleted first. */
    @Override
    public void close() {
        if (created) {
            try {
                Files.delete(dir);
            } catch (IOException notEmpty) {
                // it holds a run or checkpoints: keep it
            }
        }
        lock.close();
    }

    /**
     * Whether {@code dir} is a run history: a folder that is not itself a run and holds {@code LATEST} or at least
     * one run folder named by a {@link RunId}.
     */
    public static boolean isHistory(Path dir) {
        return HistoryLayout.isHistory(dir);
    }

    /** The ids of the complete runs in {@code dir} (folders their marker describes), oldest first. */
    public static List<String> runs(Path dir) {
        return HistoryLayout.runs(dir);
    }

    /** The id {@code LATEST} names, when it exists and holds one. */
    public static Optional<String> latest(Path dir) {
        return LatestFile.id(dir);
    }
}
