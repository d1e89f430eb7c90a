package dev.quiver.plugins.io.arrow;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** A configured Arrow IPC output file. Immutable and thread-safe; each {@link #open} writes a new temporary file. */
final class ArrowSink implements Sink {

    private final Path path;
    private final IpcFormat format;

    ArrowSink(Path path, IpcFormat format) {
        this.path = path;
        this.format = format;
    }

    @Override
    public SinkWriter open(Schema schema, BufferAllocator allocator) {
        return IpcWriter.open(path, format, schema, allocator);
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
