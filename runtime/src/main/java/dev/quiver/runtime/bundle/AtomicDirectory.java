package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * A run folder built in a hidden temporary sibling ({@code .NAME.tmp-*}) and renamed into place on
 * {@link #commit()}, so that readers see the previous complete run or the new complete one, never a half-written
 * one. Closing without committing deletes the temporary folder, and so does a shutdown hook when the process is
 * stopped (SIGTERM, Ctrl-C); after a SIGKILL the next run to the same target deletes it.
 *
 * <p>What it guarantees about the target:
 * <ul>
 * <li>Only an absent target, an empty folder or a Quiver run ({@link RunMarker#isRun}) is replaced; anything else
 * (a user's folder, a file, a FIFO, a link) is refused with {@link ErrorCode#USAGE} and left untouched. The check
 * is made at {@link #begin} and again at {@link #commit()} on the folder moved aside, so a folder that appears
 * during training is moved back, not deleted.</li>
 * <li>One run at a time writes a target ({@link OutputLock}); a second one fails at once with
 * {@link ErrorCode#DATA} and leaves nothing.</li>
 * <li>The commit writes the marker into the temporary folder and syncs it, moves the old run aside to
 * {@code .NAME.old-*}, moves the new run in, then deletes the old one. A crash between the two moves leaves no run
 * at the target, but both complete folders beside it; {@link #recover} (run by the next {@link #begin} and by a
 * load of the missing target) finishes the commit, or puts the old run back when the new one is incomplete.</li>
 * </ul>
 * Confined to one thread, apart from its shutdown hook.
 */
public final class AtomicDirectory implements AutoCloseable {

    /**
     * Test seam: when this system property is {@code true}, the process halts (as if killed) right after moving
     * the old run aside, before moving the new one in.
     */
    static final String HALT_BETWEEN_MOVES = "dev.quiver.test.haltBetweenCommitMoves";

    static final String TEMP = ".tmp-";
    static final String OLD = ".old-";

    private final Path target;
    private final Path temp;
    private final OutputLock lock;
    private final Thread shutdownHook;
    private boolean committed;
    private boolean closed;

    private AtomicDirectory(Path target, Path temp, OutputLock lock) {
        this.target = target;
        this.temp = temp;
        this.lock = lock;
        this.shutdownHook = new Thread(this::abandon, "quiver-delete-unfinished-run");
    }

    /**
     * Starts building {@code target}: locks it, finishes or undoes a commit a crash interrupted, deletes temporary
     * folders of runs that were killed, and checks that the target may be replaced.
     *
     * @throws QuiverException {@link ErrorCode#USAGE} when the target may not be replaced; {@link ErrorCode#DATA}
     *     when another run writes it or the folder cannot be created
     */
    public static AtomicDirectory begin(Path target) {
        return begin(target, true);
    }

    /**
     * {@link #begin} for a target whose parent folder must already exist, such as a tuning trial's run inside its
     * search's {@link ScratchFolder}: when a SIGTERM's shutdown hook has deleted that folder, a trial starting late
     * fails here instead of creating the folder again, which would outlive the process.
     */
    public static AtomicDirectory beginInsideExisting(Path target) {
        return begin(target, false);
    }

    private static AtomicDirectory begin(Path target, boolean createParent) {
        Path absolute = canonical(target, createParent);
        OutputLock lock = OutputLock.acquire(absolute);
        try {
            CommitRecovery.recoverLocked(absolute);
            CommitRecovery.sweep(absolute);
            checkReplaceable(absolute);
            Path temp = FolderMoves.createUnique(absolute.getParent(), "." + absolute.getFileName() + TEMP);
            TempOwner.mark(temp);
            AtomicDirectory folder = new AtomicDirectory(absolute, temp, lock);
            Runtime.getRuntime().addShutdownHook(folder.shutdownHook);
            return folder;
        } catch (IOException | UncheckedIOException e) {
            lock.close();
            throw new QuiverException(ErrorCode.DATA, "Cannot create the output folder " + absolute + ": " + e, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The target with its parent folder created and resolved to its real path, so one folder has one lock. */
    private static Path canonical(Path target, boolean createParent) {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "The output path " + absolute + " is a root folder; give a " + "folder inside it.");
        }
        try {
            if (createParent) {
                Files.createDirectories(absolute.getParent());
            }
            return absolute.getParent().toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot create the output folder " + absolute + ": " + e, e);
        }
    }

    /**
     * Fails (USAGE) unless {@code target} may be replaced by a run: it is absent, an empty folder or a Quiver run.
     * Callers that work long before they {@link #begin} (a tuning search) check this first, so that a mistyped
     * output fails at once rather than after every trial has run.
     */
    public static void checkReplaceable(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Replaceable.problem(absolute, absolute).ifPresent(why -> {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "The output " + absolute + " " + why + ", so it will not "
                            + "be replaced; choose another output.dir or --out.");
        });
    }

    /** Where to write the folder's contents until {@link #commit()}. */
    public Path path() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /**
     * Writes the run marker, then moves the finished folder into place, replacing (then deleting) an older run.
     * If the new folder cannot be moved in, or what was at the target turns out not to be a run, the older entry is
     * moved back: a failed commit leaves the target as it was.
     */
    public synchronized void commit() {
        if (closed || committed) {
            throw new IllegalStateException("commit of " + target + " after close or commit");
        }
        checkReplaceable(target);
        try {
            RunMarker.write(temp, Set.of(TempOwner.FILE));
        } catch (UncheckedIOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot finish the run in " + temp + ": " + e.getCause(), e);
        }
        FolderMoves.forceFolder(temp);
        Path old = null;
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = FolderMoves.createName(target, OLD);
                FolderMoves.move(target, old);
                // Checked again on the folder moved aside, where no one else writes: whatever appeared at the
                // target since the check above is put back, never deleted.
                Optional<String> problem = Replaceable.problem(old, target);
                if (problem.isPresent()) {
                    FolderMoves.move(old, target);
                    old = null;
                    throw new QuiverException(
                            ErrorCode.USAGE,
                            "The output " + target + " " + problem.get()
                                    + " (it appeared during the run), so it was not replaced; the new run is discarded. "
                                    + "Choose another output.dir or --out.");
                }
                FolderMoves.forceFolder(target.getParent());
                if (Boolean.getBoolean(HALT_BETWEEN_MOVES)) {
                    Runtime.getRuntime().halt(86);
                }
            }
            FolderMoves.move(temp, target);
            committed = true;
            FolderMoves.forceFolder(target.getParent());
        } catch (IOException e) {
            QuiverException failure =
                    new QuiverException(ErrorCode.DATA, "Cannot move the finished run into " + target + ": " + e, e);
            if (old != null) {
                try {
                    FolderMoves.move(old, target);
                } catch (IOException restore) {
                    failure.addSuppressed(restore);
                }
            }
            throw failure;
        }
        try {
            Files.deleteIfExists(target.resolve(TempOwner.FILE));
            if (old != null) {
                deleteRecursively(old);
            }
        } catch (IOException e) {
            // The new run is in place; a leftover old folder is deleted by the next run to this target.
            System.getLogger("dev.quiver").log(System.Logger.Level.WARNING, "could not delete " + old + ": " + e);
        }
    }

    /**
     * Finishes or undoes a commit that a crash interrupted, if {@code target} is missing and no other run holds
     * it (see {@link CommitRecovery#recover}). Loading a run calls this, so a service restarted after a crash finds
     * its model.
     */
    public static void recover(Path target) {
        CommitRecovery.recover(target);
    }

    /** The shutdown hook: the process is being stopped before this run was committed. */
    private synchronized void abandon() {
        if (!closed && !committed) {
            try {
                deleteRecursively(temp);
            } catch (IOException ignored) {
                // the next run to this target deletes it (its owner marker names a process that is gone)
            }
        }
        closed = true;
        lock.close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway and finds this folder closed
        }
        closed = true;
        try {
            if (!committed) {
                deleteRecursively(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the unfinished run " + temp, e);
        } finally {
            lock.close();
        }
    }

    /**
     * Deletes a folder and its contents, not following links; a missing folder, or an entry that vanishes during
     * the walk (another thread or a shutdown hook deleting the same tree), is fine. Every failure is an
     * {@link IOException}: {@link Files#walk} would throw {@link UncheckedIOException} mid-iteration, which callers
     * that retry on {@code IOException} would not catch.
     */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
