package dev.quiver.plugins.io.arrow;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A configured Arrow IPC file. Thread-safe: the schema is read once (the stream's first message or the file's
 * footer) and every {@link #open} starts an independent reader.
 */
final class ArrowSource implements Source {

    private final Path path;
    /** Null until detected, when the user left the format to auto-detection. */
    private volatile IpcFormat format;

    private volatile Schema schema;

    ArrowSource(Path path, IpcFormat format) {
        this.path = path;
        this.format = format;
    }

    @Override
    public Schema schema() {
        Schema result = schema;
        if (result == null) {
            // Reading a schema allocates no Arrow buffers, but the reader API wants an allocator: a tiny private one.
            try (RootAllocator allocator = new RootAllocator(1 << 20);
                    BatchReader reader = open(allocator)) {
                result = reader.root().getSchema();
            }
            schema = result;
        }
        return result;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        IpcFormat f = format();
        FileChannel channel = IoFailures.openForReading(path);
        try {
            IpcLengths.check(path, channel, f);
        } catch (QuiverException e) {
            closeAfterFailure(channel, e);
            throw e;
        }
        ArrowReader reader = f == IpcFormat.FILE
                ? new ArrowFileReader(channel, allocator)
                : new ArrowStreamReader(channel, allocator);
        try {
            reader.getVectorSchemaRoot(); // reads the schema now, so a bad file fails here and not mid-run
            for (Field field : reader.getVectorSchemaRoot().getSchema().getFields()) {
                if (field.getDictionary() != null) {
                    throw QuiverException.data(
                            path.toString(),
                            0,
                            field.getName(),
                            "dictionary-encoded columns are not supported by the arrow source; decode them first.");
                }
            }
            return new IpcBatchReader(path, reader);
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(reader, e);
            if (e instanceof QuiverException || e instanceof OutOfMemoryException) {
                throw (RuntimeException) e; // already located, or a memory limit the runtime names
            }
            throw new QuiverException(
                    ErrorCode.DATA, path + ": not a readable Arrow IPC " + f.label() + " (" + e.getMessage() + ").", e);
        }
    }

    @Override
    public String describe() {
        return path.toString();
    }

    private IpcFormat format() {
        IpcFormat f = format;
        if (f == null) {
            f = IpcFormat.detect(path);
            format = f;
        }
        return f;
    }

    private static void closeAfterFailure(AutoCloseable reader, Exception failure) {
        try {
            reader.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
