package dev.quiver.plugins.io.csv;

import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.plugins.io.csv.internal.CsvWriter;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** A configured CSV output file. Immutable and thread-safe; each {@link #open} writes a new temporary file. */
final class CsvSink implements Sink {

    private final Path path;
    private final byte delimiter;
    private final boolean header;

    CsvSink(Path path, byte delimiter, boolean header) {
        this.path = path;
        this.delimiter = delimiter;
        this.header = header;
    }

    @Override
    public SinkWriter open(Schema schema, BufferAllocator allocator) {
        return CsvWriter.open(path, schema, delimiter, header);
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
