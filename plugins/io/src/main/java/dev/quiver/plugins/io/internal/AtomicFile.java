package dev.quiver.plugins.io.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A file written under a temporary name in its final folder and renamed into place on {@link #commit()}, so a
 * reader of the final path sees either the old file or the complete new one, never a partial write.
 *
 * <p>The temporary file lives next to the target (a rename is only atomic within one file system) and is named
 * {@code .NAME.PID-START-RANDOM.tmp}, hidden on Unix: the writing process's id and start time are Quiver's mark on
 * it. {@link #close()} without a commit deletes it, and so does a shutdown hook when the process is stopped
 * (SIGTERM, Ctrl-C); after a SIGKILL the next write to the same target deletes the temporary files whose process
 * is gone. Not thread-safe: one writer owns an instance.
 */
public final class AtomicFile implements AutoCloseable {

    /** Temporary files not yet committed or closed, deleted by the shutdown hook if the process is stopped. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    private static final Thread SHUTDOWN_HOOK = new Thread(AtomicFile::deletePending, "quiver-delete-temp-files");
    private static boolean hookAdded;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean committed;
    private boolean closed;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /** Creates the temporary file (and any missing parent folders) for a later {@link #commit()} to {@code target}. */
    public static AtomicFile create(Path target) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        try {
            Files.createDirectories(folder);
            deleteAbandoned(absolute);
            addShutdownHook();
            while (true) {
                // Not Files.createTempFile: its owner-only permissions would end up on the renamed result,
                // whereas a plain create gives the user's usual permissions (umask applied).
                String suffix =
                        Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
                Path temp = folder.resolve("." + absolute.getFileName() + "." + OWNER + "-" + suffix + ".tmp");
                try {
                    PENDING.add(temp);
                    FileChannel channel =
                            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return new AtomicFile(absolute, temp, channel);
                } catch (FileAlreadyExistsException taken) {
                    // another writer drew the same name; draw again
                    PENDING.remove(temp);
                }
            }
        } catch (IOException e) {
            throw IoFailures.failure(target, "cannot create the output file", e);
        }
    }

    /** Where the temporary content goes; owned by this object, closed by {@link #commit()} or {@link #close()}. */
    public FileChannel channel() {
        return channel;
    }

    /** The temporary file (for tests and messages). */
    public Path tempPath() {
        return temp;
    }

    /** The final path. */
    public Path target() {
        return target;
    }

    /**
     * Forces the content to disk and renames it over the target. The caller must have flushed any buffering of
     * its own into {@link #channel()} first.
     */
    public void commit() {
        if (closed) {
            throw new IllegalStateException("commit after close of " + target);
        }
        try {
            channel.force(true);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (certain network mounts) cannot; a plain replace is the best they offer.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            forceFolder(target.getParent());
        } catch (IOException e) {
            throw IoFailures.failure(target, "cannot move the finished output into place", e);
        } finally {
            close();
        }
    }

    /**
     * Makes the rename itself durable: on POSIX file systems a rename lives in the folder's entry, which a crash
     * can lose (leaving the old file) unless the folder is synced too. Best effort: some platforms (Windows) cannot
     * open a folder for syncing, and the file is in place either way.
     */
    private static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Durability of the rename is all that is lost; the committed content is complete.
        }
    }

    /** Closes the channel and, unless committed, deletes the temporary file. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing useful can be done with a failed close of a file about to be deleted or already renamed.
        }
        if (!committed) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort: the next write to this target deletes it, and close must not mask the real error.
            }
        }
        PENDING.remove(temp);
    }

    /** This process as temporary names carry it: {@code PID-START} (start in milliseconds, base 36). */
    private static final String OWNER = owner(ProcessHandle.current());

    private static String owner(ProcessHandle process) {
        return process.pid() + "-"
                + process.info()
                        .startInstant()
                        .map(start -> Long.toString(start.toEpochMilli(), 36))
                        .orElse("0");
    }

    private static synchronized void addShutdownHook() {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(SHUTDOWN_HOOK);
            hookAdded = true;
        }
    }

    private static void deletePending() {
        for (Path temp : PENDING) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next write to the same target deletes it
            }
        }
    }

    /**
     * Deletes the temporary files of {@code target} that a killed writer left: named as this class names them,
     * with a process id that no longer runs (or now belongs to a process started at another time). Anything else
     * beside the target, Quiver's or not, is left alone.
     */
    static void deleteAbandoned(Path target) {
        Pattern ours = Pattern.compile(
                "\\." + Pattern.quote(target.getFileName().toString()) + "\\.(\\d+)-([0-9a-z]+)-[0-9a-z]+\\.tmp");
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path file : siblings.toList()) {
                Matcher m = ours.matcher(file.getFileName().toString());
                if (m.matches()
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && isGone(Long.parseLong(m.group(1)), m.group(2))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // Best effort: leftovers are hidden and harmless, and must not stop a new write.
        }
    }

    private static boolean isGone(long pid, String start) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        String now = owner(process.get());
        return !start.equals("0") && !now.endsWith("-0") && !now.equals(pid + "-" + start);
    }
}
