package dev.quiver.runtime.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's size and SHA-256, read in 64 KiB blocks (never the whole file into memory), for the run marker and
 * for the data files {@code run.json} records. Immutable; {@link #of} may be called from any thread.
 *
 * @param size the bytes read
 * @param sha256 the lower-case hex digest
 */
public record FileDigest(long size, String sha256) {

    /** Digests {@code file} (not following a link); with {@code force}, also syncs it to disk. */
    public static FileDigest of(Path file, boolean force) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long size = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            int read;
            while ((read = channel.read(buffer)) >= 0) {
                buffer.flip();
                sha.update(buffer);
                buffer.clear();
                size += read;
            }
            if (force) {
                channel.force(true);
            }
        }
        return new FileDigest(size, HexFormat.of().formatHex(sha.digest()));
    }

    /** The SHA-256 of {@code bytes} in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
