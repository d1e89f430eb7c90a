package dev.quiver.plugins.io.internal;

import dev.quiver.api.data.SinkWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The life cycle every file sink writer shares, whatever the format: batches go into an {@link AtomicFile} that
 * {@link #commit()} renames into place and {@link #close()} without a commit deletes. It rejects a write after
 * commit or close and a batch of another schema (misuse by the caller, a programming error, so unchecked
 * exceptions rather than data errors, worded the same for every format), and turns the format's I/O errors
 * into the plugin's error naming the target. A subclass only encodes batches and says what must be flushed
 * before the rename and released on close. Owns the file; the caller keeps ownership of the batches. Not
 * thread-safe.
 */
public abstract class AtomicSinkWriter implements SinkWriter {

    private final AtomicFile file;
    private final Schema schema;
    private boolean committed;
    private boolean closed;

    protected AtomicSinkWriter(AtomicFile file, Schema schema) {
        this.file = file;
        this.schema = schema;
    }

    /** Encodes the rows of {@code batch}, whose schema has been checked, into the file. */
    protected abstract void writeBatch(VectorSchemaRoot batch) throws IOException;

    /** Writes whatever is still buffered or owed (a footer, say) before the file is renamed into place. */
    protected abstract void finish() throws IOException;

    /** Releases what the subclass holds besides the file; called once, before the file is closed. */
    protected void release() {}

    /** The temporary file being written. */
    protected final AtomicFile file() {
        return file;
    }

    protected final Schema schema() {
        return schema;
    }

    /** The plugin's error for an I/O failure while writing the target. */
    protected final RuntimeException writeFailure(IOException e) {
        return IoFailures.failure(file.target(), "cannot write", e);
    }

    @Override
    public final void write(VectorSchemaRoot batch) {
        Path target = file.target();
        if (committed || closed) {
            throw new IllegalStateException("write after " + (committed ? "commit" : "close") + " of " + target);
        }
        if (!batch.getSchema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + batch.getSchema() + " differs from the schema "
                    + schema + " this writer of " + target + " was opened with");
        }
        try {
            writeBatch(batch);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public final void commit() {
        if (committed) {
            return;
        }
        try {
            finish();
        } catch (IOException e) {
            throw writeFailure(e);
        }
        file.commit();
        committed = true;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            release();
        } finally {
            file.close();
        }
    }
}
