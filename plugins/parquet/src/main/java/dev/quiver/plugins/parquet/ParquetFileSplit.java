package dev.quiver.plugins.parquet;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.plugins.parquet.internal.ScanBatchReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One Parquet file of a source, as a distributed engine's split: the task scans it where it runs (the file must
 * be readable there, as for any split) with the source's declared columns. Serializable (the path and the schema
 * as text: neither {@link Path} nor Arrow's schema is). Immutable; {@link #open} may be called on any thread.
 */
final class ParquetFileSplit implements SourceSplit {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String schemaJson;
    private final int batchSize;
    private final long nativeBytes;

    ParquetFileSplit(Path path, Schema schema, int batchSize, long nativeBytes) {
        this.path = path.toString();
        this.schemaJson = schema.toJson();
        this.batchSize = batchSize;
        this.nativeBytes = nativeBytes;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        Schema schema;
        try {
            schema = Schema.fromJSON(schemaJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScanBatchReader(List.of(Path.of(path)), schema, batchSize, nativeBytes, allocator);
    }

    @Override
    public String describe() {
        return path;
    }
}
