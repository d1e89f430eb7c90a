package dev.quiver.runtime.exec.internal;

import dev.quiver.api.data.BatchReader;
import java.util.List;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Reads a {@link Table}'s batches by loading each into its own root by sharing buffers (an unload/load round trip
 * retains, never copies). The table owns the batches and must stay open while this is; this owns its root. One
 * reader per consumer thread.
 */
final class SharingReader implements BatchReader {

    private final List<VectorSchemaRoot> batches;
    /** Each row's source line, or null when the rows have none. */
    private final long[] lines;

    private final VectorSchemaRoot root;
    private final VectorLoader loader;
    private int next;
    /** The table row of the current batch's first row. */
    private int firstRow;

    private int batchRows;
    private boolean closed;

    SharingReader(List<VectorSchemaRoot> batches, long[] lines, VectorSchemaRoot root) {
        this.batches = batches;
        this.lines = lines;
        this.root = root;
        this.loader = new VectorLoader(root);
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (next >= batches.size()) {
            root.clear();
            return false;
        }
        firstRow += batchRows;
        batchRows = batches.get(next).getRowCount();
        try (ArrowRecordBatch batch = new VectorUnloader(batches.get(next++)).getRecordBatch()) {
            loader.load(batch);
        }
        return true;
    }

    @Override
    public long line(int row) {
        return lines == null ? 0 : lines[firstRow + row];
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            root.close();
        }
    }
}
