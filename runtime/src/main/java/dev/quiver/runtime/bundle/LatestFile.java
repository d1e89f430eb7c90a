package dev.quiver.runtime.bundle;

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
import java.util.Optional;

/**
 * A history's {@link RunHistory#LATEST} file: one line naming its current run. Replaced by write-aside, force and
 * rename, so a reader sees the old name or the new one, never a torn line; a kill before the rename leaves a
 * {@code .LATEST.tmp-*} that {@link HistoryRecovery} deletes. Stateless; the writer holds the history's lock.
 */
final class LatestFile {

    private LatestFile() {}

    /** Points {@code dir}'s {@code LATEST} at {@code id}: written aside, forced to disk and renamed over the old. */
    static void write(Path dir, String id) {
        Path temp = dir.resolve("." + RunHistory.LATEST + ".tmp-" + RunId.next(Instant.now(), Optional.empty()));
        try {
            Files.createFile(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            FolderMoves.moveReplacing(temp, dir.resolve(RunHistory.LATEST));
            FolderMoves.forceFolder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(RunHistory.LATEST), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover .LATEST.tmp-* is deleted by the next run's clean-up
            }
        }
    }

    /** The id {@code dir}'s {@code LATEST} names, when it exists and holds one. */
    static Optional<String> id(Path dir) {
        return text(dir).filter(RunId::isId);
    }

    /** The trimmed text of {@code dir}'s {@code LATEST}, whatever it holds (empty when there is no such file). */
    static Optional<String> text(Path dir) {
        Path file = dir.resolve(RunHistory.LATEST);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
