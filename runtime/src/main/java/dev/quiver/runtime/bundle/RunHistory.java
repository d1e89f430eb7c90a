package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

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

    static final String PRUNED = ".pruned-";

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
            problem(absolute).ifPresent(why -> {
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
                                    + problem(real).orElse("") + "); choose another output.dir.");
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
        List<String> ids = new ArrayList<>(idsOf(dir));
        return RunId.next(now, ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1)));
    }

    /** Where this history's in-flight run keeps its checkpoints ({@code .checkpoints}). */
    public Path checkpoints() {
        return dir.resolve(CHECKPOINTS);
    }

    /** Points {@code LATEST} at {@code id}: written aside, forced to disk and renamed over the old one. */
    public void markLatest(String id) {
        writeLatest(dir, id);
    }

    /** Points {@code dir}'s {@code LATEST} at {@code id}, as {@link #markLatest} says. */
    static void writeLatest(Path dir, String id) {
        Path temp = dir.resolve("." + LATEST + ".tmp-" + RunId.next(Instant.now(), Optional.empty()));
        try {
            Files.createFile(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            FolderMoves.moveReplacing(temp, dir.resolve(LATEST));
            FolderMoves.forceFolder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(LATEST), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover .LATEST.tmp-* is deleted by the next run's clean-up
            }
        }
    }

    /**
     * Deletes the oldest complete runs until {@code keep} remain, never the newest run nor the one {@code LATEST}
     * names (which may then make {@code keep + 1}). Each is renamed aside ({@code .ID.pruned-*}) before it is
     * deleted, so a kill mid-way never leaves a half-deleted run under its id; the next open finishes the job.
     *
     * @return the ids pruned, oldest first
     */
    public List<String> prune(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        List<String> ids = runs(dir);
        Set<String> kept = new TreeSet<>();
        if (!ids.isEmpty()) {
            kept.add(ids.get(ids.size() - 1));
        }
        latest(dir).ifPresent(kept::add);
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
        if (!Files.isDirectory(dir) || isSingleRun(dir)) {
            return false;
        }
        return Files.exists(dir.resolve(LATEST), LinkOption.NOFOLLOW_LINKS)
                || !idsOf(dir).isEmpty();
    }

    /** The ids of the complete runs in {@code dir} (folders their marker describes), oldest first. */
    public static List<String> runs(Path dir) {
        return idsOf(dir).stream()
                .filter(id -> RunBundle.isRun(dir.resolve(id)))
                .toList();
    }

    /** The id {@code LATEST} names, when it exists and holds one. */
    public static Optional<String> latest(Path dir) {
        return latestText(dir).filter(RunId::isId);
    }

    /** The trimmed text of {@code LATEST}, whatever it holds (empty when there is no such file). */
    static Optional<String> latestText(Path dir) {
        Path file = dir.resolve(LATEST);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every folder name in {@code dir} that is a run id (complete or not), sorted. */
    static List<String> idsOf(Path dir) {
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

    private static boolean isSingleRun(Path dir) {
        return Files.exists(dir.resolve(RunMarker.FILE), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(dir.resolve(RunBundle.MODEL), LinkOption.NOFOLLOW_LINKS);
    }

    /** Why {@code dir} cannot hold a run history, if it cannot. */
    private static Optional<String> problem(Path dir) {
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
        if (Files.exists(dir.resolve(LATEST), LinkOption.NOFOLLOW_LINKS)) {
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
}
