package dev.quiver.plugins.io.arrow;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One pass over an Arrow IPC file, a thin adapter over Arrow's own {@link ArrowReader}: its root is the one
 * refilled on each batch. Owns the reader (and through it the root and the file channel). Not thread-safe.
 */
final class IpcBatchReader implements BatchReader {

    private final Path path;
    private final ArrowReader reader;
    private final VectorSchemaRoot root;
    private int batches;
    private boolean finished;
    private boolean closed;

    IpcBatchReader(Path path, ArrowReader reader) throws IOException {
        this.path = path;
        this.reader = reader;
        this.root = reader.getVectorSchemaRoot();
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (closed) {
            throw new IllegalStateException("reader of " + path + " is closed");
        }
        if (finished) {
            return false;
        }
        try {
            if (reader.loadNextBatch()) {
                batches++;
                return true;
            }
        } catch (OutOfMemoryException e) {
            throw e; // a memory limit, not a corrupt file: the runtime names the limit
        } catch (IOException | RuntimeException e) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    path + ": cannot read record batch " + (batches + 1) + " (" + e.getMessage() + ").",
                    e);
        }
        finished = true;
        root.clear(); // the contract says the root is empty at the end; this also frees the last batch early
        return false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.close();
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, path + ": cannot close (" + e.getMessage() + ").", e);
        }
    }
}
