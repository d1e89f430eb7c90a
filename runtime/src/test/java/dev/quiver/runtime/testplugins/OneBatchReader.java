package dev.quiver.runtime.testplugins;

import dev.quiver.api.data.BatchReader;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Yields a {@link SmallTable} as a single batch. Not thread-safe, like every reader. */
final class OneBatchReader implements BatchReader {

    private final SmallTable table;
    private final VectorSchemaRoot root;
    private boolean done;

    OneBatchReader(SmallTable table, VectorSchemaRoot root) {
        this.table = table;
        this.root = root;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (done) {
            root.setRowCount(0);
            return false;
        }
        done = true;
        table.fill(root);
        return true;
    }

    @Override
    public void close() {
        root.close();
    }
}
