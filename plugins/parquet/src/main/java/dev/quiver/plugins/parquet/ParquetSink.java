package dev.quiver.plugins.parquet;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.plugins.parquet.internal.SpoolingWriter;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** A configured Parquet output file. Immutable and thread-safe; each {@link #open} writes new temporary files. */
final class ParquetSink implements Sink {

    private final Path path;

    ParquetSink(Path path) {
        this.path = path;
    }

    @Override
    public SinkWriter open(Schema schema, BufferAllocator allocator) {
        return SpoolingWriter.open(path, schema, allocator);
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
