package dev.quiver.plugins.io.csv.internal;

import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The records of a CSV file between two line boundaries, {@code [start, end)}, and the line {@code start} is on:
 * one split of the file. Cut points are moved forward to just after the next LF, so that the ranges made from one
 * list of cut points hold every record exactly once. A newline inside a quoted field cannot be told from a record
 * end without reading from the start of the file, so files whose quoted fields hold newlines must not be split.
 * Immutable.
 *
 * @param start the first byte, 0 or just after an LF
 * @param end the byte after the last, just after an LF or the file's end ({@link Long#MAX_VALUE}: to the end)
 * @param firstLine the 1-based line {@code start} is on (for exact error lines)
 */
public record ByteRange(long start, long end, long firstLine) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int BUFFER = 1 << 16;

    /**
     * The range of {@code path} between the boundaries at or after {@code cutStart} and {@code cutEnd}. Reads a
     * few bytes at each cut, and counts the LFs before {@code start} (a sequential scan of that prefix).
     */
    public static ByteRange between(Path path, long cutStart, long cutEnd) {
        try (FileChannel channel = FileChannel.open(path)) {
            long start = boundary(channel, cutStart);
            long end = boundary(channel, cutEnd);
            return new ByteRange(start, Math.max(start, end), 1 + linesBefore(channel, start));
        } catch (IOException e) {
            throw IoFailures.reading(path, e);
        }
    }

    /** 0 at the start; otherwise the position after the first LF at or after {@code cut - 1}, or the size. */
    private static long boundary(FileChannel channel, long cut) throws IOException {
        long size = channel.size();
        if (cut <= 0) {
            return 0;
        }
        if (cut >= size) {
            return size;
        }
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long position = cut - 1;
        while (position < size) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    return position + i + 1;
                }
            }
            position += n;
        }
        return size;
    }

    private static long linesBefore(FileChannel channel, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long lines = 0;
        for (long position = 0; position < end; ) {
            buffer.clear();
            buffer.limit((int) Math.min(BUFFER, end - position));
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    lines++;
                }
            }
            position += n;
        }
        return lines;
    }
}
