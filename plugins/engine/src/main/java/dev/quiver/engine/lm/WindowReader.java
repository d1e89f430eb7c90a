package dev.quiver.engine.lm;

import dev.quiver.api.data.BatchReader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One pass over the windows of a token sequence: window {@code k} is tokens {@code [k * stride, k * stride +
 * context]}, {@link TextSource#BATCH_ROWS} windows a batch. Owns its root; one thread.
 */
final class WindowReader implements BatchReader {

    private final VectorSchemaRoot root;
    private final int[] tokens;
    private final int length;
    private final int stride;
    private final int windows;
    private int next;

    WindowReader(Schema schema, int[] tokens, Corpus.Spec spec, BufferAllocator allocator) {
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.tokens = tokens;
        this.length = spec.context() + 1;
        this.stride = spec.stride();
        this.windows = Corpus.windows(tokens.length, length, stride);
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        int rows = Math.min(TextSource.BATCH_ROWS, windows - next);
        if (rows <= 0) {
            root.setRowCount(0);
            return false;
        }
        for (int c = 0; c < length; c++) {
            IntVector column = (IntVector) root.getVector(c);
            column.allocateNew(rows);
            for (int r = 0; r < rows; r++) {
                column.set(r, tokens[(next + r) * stride + c]);
            }
            column.setValueCount(rows);
        }
        root.setRowCount(rows);
        next += rows;
        return true;
    }

    @Override
    public void close() {
        root.close();
    }
}
