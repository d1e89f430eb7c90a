package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A hidden working folder beside a run's output, {@code .NAME<kind>RANDOM} (a tuning search's trials run in
 * {@code .NAME.tune-*}), with the same guarantees as a run's temporary folder: it carries Quiver's owner marker,
 * a shutdown hook deletes it when the process is stopped (SIGTERM, Ctrl-C), and what a SIGKILL leaves is deleted
 * by the next run to the same output, only when its marker names a process that is gone. The creating thread
 * owns it; {@link #close} (idempotent) deletes it.
 */
public final class ScratchFolder implements AutoCloseable {

    /** The kind of a tuning search's scratch folder. */
    public static final String TUNE = ".tune-";

    /** Appended to a scratch folder's name while it is being deleted. */
    static final String DELETING = "-deleting";

    private static final int DELETE_ATTEMPTS = 40;
    private static final long DELETE_PAUSE_MILLIS = 50;

    private final Path path;
    private final Thread shutdownHook;
    private boolean closed;

    private ScratchFolder(Path path) {
        this.path = path;
        this.shutdownHook = new Thread(this::delete, "quiver-delete-scratch-folder");
    }

    /**
     * Deletes abandoned scratch folders of {@code kind} beside {@code output}, then creates a new one.
     *
     * @throws QuiverException {@link ErrorCode#DATA} when the folder cannot be created
     */
    public static ScratchFolder beside(Path output, String kind) {
        Path absolute = output.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.getParent());
            sweep(absolute, kind);
            Path path = FolderMoves.createUnique(absolute.getParent(), "." + absolute.getFileName() + kind);
            TempOwner.mark(path);
            ScratchFolder folder = new ScratchFolder(path);
            Runtime.getRuntime().addShutdownHook(folder.shutdownHook);
            return folder;
        } catch (IOException | UncheckedIOException e) {
            throw new QuiverException(
                    ErrorCode.DATA, "Cannot create a scratch folder beside " + absolute + ": " + e, e);
        }
    }

    /** Deletes the {@code .NAME<kind>*} folders beside {@code output} whose owner marker names a process that is gone. */
    static void sweep(Path output, String kind) throws IOException {
        String prefix = "." + output.getFileName() + kind;
        List<Path> abandoned;
        try (Stream<Path> entries = Files.list(output.getParent())) {
            abandoned = entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(TempOwner::isAbandoned)
                    .toList();
        }
        for (Path folder : abandoned) {
            AtomicDirectory.deleteRecursively(folder);
        }
    }

    public Path path() {
        return path;
    }

    /** The shutdown hook, and the end of {@link #close}. */
    private synchronized void delete() {
        if (closed) {
            return;
        }
        closed = true;
        // On SIGTERM a trial still training may keep creating files in this folder until the JVM halts, and the
        // trials' own hooks delete their temporary folders inside it at the same time. Renaming it first cuts the
        // trials off (their paths name the old folder, and a trial's folder is created only inside an existing
        // one), so the walk below meets a tree that can only shrink. The new name keeps the prefix and the owner
        // marker, so that if this process dies mid-delete the next run's sweep still finds it.
        Path doomed = path;
        try {
            Path aside = path.resolveSibling(path.getFileName() + DELETING);
            FolderMoves.move(path, aside);
            doomed = aside;
        } catch (IOException e) {
            // not renamed (already gone, or a file system that refuses): delete it where it is
        }
        for (int attempt = 1; ; attempt++) {
            try {
                AtomicDirectory.deleteRecursively(doomed);
                return;
            } catch (IOException e) {
                if (attempt == DELETE_ATTEMPTS || !pause()) {
                    // the next run to this output deletes it (its owner marker names a process that is gone)
                    System.getLogger("dev.quiver")
                            .log(System.Logger.Level.WARNING, "could not delete " + doomed + ": " + e);
                    return;
                }
            }
        }
    }

    /** Waits before the next walk; false when interrupted (give up, the next run sweeps the folder). */
    private static boolean pause() {
        try {
            Thread.sleep(DELETE_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway and finds this folder deleted
        }
        delete();
    }
}
