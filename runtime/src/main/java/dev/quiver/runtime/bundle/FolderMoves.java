package dev.quiver.runtime.bundle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The file-system steps the atomic folders ({@link AtomicDirectory}, {@link CommitRecovery},
 * {@link ScratchFolder}) are made of: unique hidden names, renames, folder syncs. Stateless and thread-safe.
 */
final class FolderMoves {

    private static final SecureRandom RANDOM = new SecureRandom();

    private FolderMoves() {}

    /**
     * A new folder named {@code prefix} plus a random suffix. Not {@link Files#createTempDirectory}: that makes the
     * folder private to its owner (0700), and the run folder it becomes would be unreadable to the user's group,
     * unlike any folder they create themselves; {@link Files#createDirectory} follows the umask.
     */
    static Path createUnique(Path parent, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(parent.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36)));
            } catch (FileAlreadyExistsException taken) {
                // another run drew the same name: draw again
            }
        }
    }

    /** A sibling of {@code target} named {@code .NAME} plus {@code kind} and a random suffix. */
    static Path createName(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + kind + Long.toUnsignedString(RANDOM.nextLong(), 36));
    }

    /** Renames {@code from} to {@code to}, atomically where the file system can. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** {@link #move} over an existing file (a history's {@code LATEST}). */
    static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes renames in {@code folder} durable (POSIX keeps them in the folder's entry). Best effort. */
    static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot sync a folder; only durability against power loss is lost
        }
    }
}
