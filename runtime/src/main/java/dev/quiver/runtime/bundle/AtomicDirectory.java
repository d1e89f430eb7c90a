package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder built in a hidden temporary sibling and renamed into place on {@link #commit()}, so that readers
 * see either the previous complete folder or the new complete one, never a half-written one. Closing without
 * committing deletes the temporary folder: a failed run leaves nothing behind.
 *
 * <p>An existing target is replaced only if it is empty or a Quiver run ({@link RunBundle#isRun}); anything else
 * is refused, so that a mistyped {@code --out} cannot wipe a user's folder. Confined to one thread.
 */
public final class AtomicDirectory implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicDirectory(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Starts building {@code target}; checks up front that it may be replaced. */
    public static AtomicDirectory begin(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        checkReplaceable(absolute);
        try {
            Path parent = absolute.getParent();
            Files.createDirectories(parent);
            return new AtomicDirectory(absolute, createUnique(parent, "." + absolute.getFileName() + ".tmp-"));
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot create the output folder " + absolute + ": " + e, e);
        }
    }

    /**
     * A new folder named {@code prefix} plus a random suffix. Not {@link Files#createTempDirectory}: that makes the
     * folder private to its owner (0700), and the run folder it becomes would be unreadable to the user's group,
     * unlike any folder they create themselves; {@link Files#createDirectory} follows the umask.
     */
    private static Path createUnique(Path parent, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(parent.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36)));
            } catch (FileAlreadyExistsException taken) {
                // another run drew the same name: draw again
            }
        }
    }

    /**
     * Fails (USAGE) unless {@code target} may be replaced by a run: it is absent, empty or a Quiver run. Callers
     * that work long before they {@link #begin} (a tuning search) check this first, so that a mistyped output
     * fails at once rather than after every trial has run.
     */
    public static void checkReplaceable(Path target) {
        if (Files.isRegularFile(target)) {
            throw new QuiverException(ErrorCode.USAGE, "The output path " + target + " is a file; give a folder.");
        }
        if (Files.isDirectory(target) && !RunBundle.isRun(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new QuiverException(ErrorCode.USAGE, "The output folder " + target + " exists and is not a "
                            + "Quiver run, so it will not be replaced; choose another output.dir or --out.");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Where to write the folder's contents until {@link #commit()}. */
    public Path path() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /**
     * Moves the finished folder into place, replacing (then deleting) an older one. If the new folder cannot be
     * moved in, the older one is moved back: a failed commit leaves the previous run where it was.
     */
    public void commit() {
        Path old = null;
        try {
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
                move(target, old);
            }
            move(temp, target);
            committed = true;
            if (old != null) {
                deleteRecursively(old);
            }
        } catch (IOException e) {
            QuiverException failure = new QuiverException(ErrorCode.DATA, "Cannot move the finished run into "
                    + target + ": " + e, e);
            if (!committed && old != null) {
                try {
                    move(old, target);
                } catch (IOException restore) {
                    failure.addSuppressed(restore);
                }
            }
            throw failure;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                deleteRecursively(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the unfinished run " + temp, e);
            }
        }
    }

    /** Deletes a folder and its contents; a missing folder is fine. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
