package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.transform.FittedTransform;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A source seen through fitted transforms, applied batch by batch as it is read: nothing is materialised, so
 * a streaming source stays streaming. Immutable and thread-safe like the source and transforms it wraps.
 */
public final class TransformedSource implements Source {

    private final Source base;
    private final List<FittedTransform> transforms;
    private final Schema schema;

    private TransformedSource(Source base, List<FittedTransform> transforms, Schema schema) {
        this.base = base;
        this.transforms = List.copyOf(transforms);
        this.schema = schema;
    }

    /** {@code base} itself when there is nothing to apply. */
    public static Source of(Source base, List<FittedTransform> transforms) {
        if (transforms.isEmpty()) {
            return base;
        }
        Schema schema = base.schema();
        for (FittedTransform t : transforms) {
            schema = t.outputSchema(schema);
        }
        return new TransformedSource(base, transforms, schema);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        BatchReader reader = base.open(allocator);
        try {
            return new Reader(reader, VectorSchemaRoot.create(schema, allocator), allocator);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public OptionalLong rowCount() {
        return base.rowCount();
    }

    @Override
    public String describe() {
        return base.describe();
    }

    /** Applies the chain to each batch, then moves the result into the one root it hands out. */
    private final class Reader implements BatchReader {

        private final BatchReader base;
        private final VectorSchemaRoot root;
        private final BufferAllocator allocator;
        /** Rows of the batches before the current one, to number rows of a source without lines. */
        private long rowsBefore;

        private int currentRows;
        private boolean closed;

        Reader(BatchReader base, VectorSchemaRoot root, BufferAllocator allocator) {
            this.base = base;
            this.root = root;
            this.allocator = allocator;
        }

        @Override
        public VectorSchemaRoot root() {
            return root;
        }

        @Override
        public boolean loadNextBatch() {
            if (!base.loadNextBatch()) {
                root.clear();
                return false;
            }
            VectorSchemaRoot current = base.root();
            rowsBefore += currentRows;
            currentRows = current.getRowCount();
            VectorSchemaRoot owned = null;
            try {
                for (FittedTransform t : transforms) {
                    VectorSchemaRoot next = apply(t, current);
                    if (owned != null) {
                        owned.close();
                    }
                    owned = next;
                    current = next;
                }
                moveInto(current);
            } finally {
                if (owned != null) {
                    owned.close();
                }
            }
            return true;
        }

        /** Transforms keep rows in place, so a row a transform names is that row of the source's batch. */
        private VectorSchemaRoot apply(FittedTransform transform, VectorSchemaRoot batch) {
            return RowLocations.locating(
                    TransformedSource.this, base, rowsBefore, () -> transform.apply(batch, allocator));
        }

        @Override
        public long line(int row) {
            return base.line(row);
        }

        private void moveInto(VectorSchemaRoot result) {
            for (Field field : schema.getFields()) {
                FieldVector from = result.getVector(field.getName());
                FieldVector to = root.getVector(field.getName());
                if (from == null
                        || !from.getField().getType().equals(to.getField().getType())) {
                    throw new QuiverException(
                            ErrorCode.INTERNAL,
                            "A transform produced a batch that does not match "
                                    + "its declared output schema: column '" + field.getName() + "' is "
                                    + (from == null
                                            ? "missing"
                                            : "of type " + from.getField().getType())
                                    + ", expected " + field.getType() + ". Transforms: "
                                    + transforms.stream()
                                            .map(FittedTransform::type)
                                            .toList());
                }
                from.makeTransferPair(to).transfer();
            }
            root.setRowCount(result.getRowCount());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    root.close();
                } finally {
                    base.close();
                }
            }
        }
    }
}
