package dev.quiver.plugins.io.csv.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * At most {@code limit} bytes of another channel, from its current position, then end of stream: a split's
 * byte range as the chunk splitter reads it. Does not own the channel (closing this leaves it open). Not
 * thread-safe.
 */
final class BoundedChannel implements ReadableByteChannel {

    private final ReadableByteChannel in;
    private long remaining;

    BoundedChannel(ReadableByteChannel in, long limit) {
        this.in = in;
        this.remaining = limit;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int limit = dst.limit();
        if (dst.remaining() > remaining) {
            dst.limit(dst.position() + (int) remaining);
        }
        try {
            int n = in.read(dst);
            if (n > 0) {
                remaining -= n;
            }
            return n;
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() {
        // The reader that made this closes the underlying channel.
    }
}
