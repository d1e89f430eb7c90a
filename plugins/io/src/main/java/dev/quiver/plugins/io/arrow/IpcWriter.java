package dev.quiver.plugins.io.arrow;

import dev.quiver.plugins.io.internal.AtomicFile;
import dev.quiver.plugins.io.internal.AtomicSinkWriter;
import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes batches as Arrow IPC into a temporary file that {@link #commit()} renames into place.
 *
 * <p>Arrow's writers serialize the root they were built with; rather than copy each caller's batch into such a
 * root, this writer hands the batch's buffers to the IPC layer directly (an {@link ArrowRecordBatch} that
 * borrows them for the call), so writing costs no copy and never takes ownership of the caller's batch. The
 * root given to Arrow's writer is empty and only supplies the schema. Commit, close and the checks on each batch
 * are {@link AtomicSinkWriter}'s. Owns the temporary file and that root. Not thread-safe.
 */
final class IpcWriter extends AtomicSinkWriter {

    private final VectorSchemaRoot schemaOnly;
    private final BatchWriter writer;

    private IpcWriter(AtomicFile file, Schema schema, VectorSchemaRoot schemaOnly, BatchWriter writer) {
        super(file, schema);
        this.schemaOnly = schemaOnly;
        this.writer = writer;
    }

    static IpcWriter open(Path path, IpcFormat format, Schema schema, BufferAllocator allocator) {
        AtomicFile file = AtomicFile.create(path);
        VectorSchemaRoot schemaOnly = null;
        try {
            schemaOnly = VectorSchemaRoot.create(schema, allocator);
            BatchWriter writer = format == IpcFormat.FILE
                    ? new FileBatchWriter(schemaOnly, file.channel())
                    : new StreamBatchWriter(schemaOnly, file.channel());
            writer.start();
            return new IpcWriter(file, schema, schemaOnly, writer);
        } catch (IOException e) {
            close(schemaOnly, file);
            throw IoFailures.failure(path, "cannot write", e);
        } catch (RuntimeException e) {
            close(schemaOnly, file);
            throw e;
        }
    }

    @Override
    protected void writeBatch(VectorSchemaRoot batch) throws IOException {
        try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
            writer.write(record);
        }
    }

    @Override
    protected void finish() throws IOException {
        writer.end();
    }

    /** Only the root: Arrow's writer.close() would also close the channel, which the AtomicFile owns. */
    @Override
    protected void release() {
        schemaOnly.close();
    }

    private static void close(VectorSchemaRoot root, AtomicFile file) {
        // Arrow's writer.close() would also close the channel; the AtomicFile owns that and must decide whether
        // the file survives, so only the root and the file are closed here.
        try {
            if (root != null) {
                root.close();
            }
        } finally {
            file.close();
        }
    }

    /** Arrow's writers with the record-batch entry point exposed. */
    private interface BatchWriter {
        void start() throws IOException;

        void write(ArrowRecordBatch batch) throws IOException;

        void end() throws IOException;
    }

    private static final class FileBatchWriter extends ArrowFileWriter implements BatchWriter {
        FileBatchWriter(VectorSchemaRoot root, WritableByteChannel out) {
            super(root, null, out);
        }

        @Override
        public void write(ArrowRecordBatch batch) throws IOException {
            writeRecordBatch(batch);
        }
    }

    private static final class StreamBatchWriter extends ArrowStreamWriter implements BatchWriter {
        StreamBatchWriter(VectorSchemaRoot root, WritableByteChannel out) {
            super(root, null, out);
        }

        @Override
        public void write(ArrowRecordBatch batch) throws IOException {
            writeRecordBatch(batch);
        }
    }
}
