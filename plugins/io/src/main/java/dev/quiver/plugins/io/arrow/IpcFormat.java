package dev.quiver.plugins.io.arrow;

import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The two Arrow IPC layouts: the random-access file format (with a footer) and the sequential stream format. */
enum IpcFormat {
    FILE,
    STREAM;

    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    /** The pipeline-file spelling. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static IpcFormat ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The file format starts with the magic bytes {@code ARROW1}; anything else is taken to be a stream. */
    static IpcFormat detect(Path path) {
        try (FileChannel channel = IoFailures.openForReading(path)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // keep reading: a channel may return fewer bytes than asked
            }
            return Arrays.equals(head.array(), 0, head.position(), MAGIC, 0, MAGIC.length) ? FILE : STREAM;
        } catch (IOException e) {
            throw IoFailures.reading(path, e);
        }
    }
}
