package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code .NAME.lock} beside an output folder, locked ({@link FileChannel#tryLock}) by the one run that writes the
 * folder: a second run to the same output, in this or another process, is refused instead of racing it. The
 * operating system drops the lock when its process dies, so a killed run never blocks the next one.
 *
 * <p>The holder deletes the file when it is done. Because another process may have opened the file just before
 * the deletion and then locked the deleted file, a new holder writes a token into the file it locked and reads it
 * back through the path: only when the path shows its own token does it hold the lock of that path. Confined to
 * the thread that acquired it (and a shutdown hook).
 */
final class OutputLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path fileFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".lock");
    }

    /**
     * Locks the output {@code target}.
     *
     * @throws QuiverException {@link ErrorCode#DATA} when another run holds it
     */
    static OutputLock acquire(Path target) {
        return tryAcquire(target)
                .orElseThrow(() -> new QuiverException(
                        ErrorCode.DATA,
                        "Another Quiver run is " + "writing " + target
                                + "; wait for it to finish or choose another output.dir or --out."));
    }

    /** Locks {@code target} if no other run holds it. */
    static Optional<OutputLock> tryAcquire(Path target) {
        Path file = fileFor(target);
        String token = ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n";
        for (int attempt = 0; attempt < 100; attempt++) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldHere) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
                if (token.equals(readOrNull(file))) {
                    return Optional.of(new OutputLock(file, channel, lock));
                }
                // The file was deleted (and perhaps recreated) between our open and lock: try the path again.
                channel.close();
            } catch (IOException e) {
                close(channel);
                throw new QuiverException(ErrorCode.DATA, "Cannot create the lock file " + file + ": " + e, e);
            }
        }
        throw new QuiverException(ErrorCode.DATA, "Cannot lock " + file + ": other runs keep replacing it.");
    }

    private static String readOrNull(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** Deletes the lock file, then releases the lock (in that order: see the class comment). Idempotent. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover empty lock file is harmless: the next run locks and deletes it.
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
