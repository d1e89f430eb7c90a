package dev.quiver.runtime.exec.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.ClassLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A source's rows held in Arrow memory, as the batches it was read in: what a split needs, since it picks
 * rows by index. Owns its batches (allocated from the allocator given at creation) until {@link #close()}.
 *
 * <p>Immutable once built; {@link #asSource} readers may run on several threads at once, each sharing the
 * batches' buffers (reference-counted, no copy) rather than copying them.
 */
public final class Table implements AutoCloseable {

    /** Rows per batch of a table built by {@link #select}: large enough to amortise per-batch work. */
    static final int SELECT_BATCH_ROWS = 8192;

    private final Schema schema;
    private final List<VectorSchemaRoot> batches;
    private final int rows;
    /** The source line of each row (for error messages), or null when the source has no lines. */
    private final long[] lines;

    private Table(Schema schema, List<VectorSchemaRoot> batches, long[] lines) {
        this.schema = schema;
        this.batches = List.copyOf(batches);
        this.lines = lines;
        long total = 0;
        for (VectorSchemaRoot b : batches) {
            total += b.getRowCount();
        }
        if (total > Integer.MAX_VALUE) {
            batches.forEach(VectorSchemaRoot::close);
            throw new QuiverException(
                    dev.quiver.api.ErrorCode.DATA,
                    "The data has " + total + " rows, more than a " + "split can index (" + Integer.MAX_VALUE
                            + "); use split: none to stream it.");
        }
        this.rows = (int) total;
    }

    /**
     * Reads every batch of {@code source}: the reader allocates from {@code readAllocator}, each batch is moved
     * (not copied) into {@code owner}. {@code onBatch} sees each batch's row count.
     */
    public static Table read(
            Source source, BufferAllocator readAllocator, BufferAllocator owner, LongConsumer onBatch) {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        Schema schema = null;
        long[] lines = new long[0];
        int count = 0;
        boolean anyLine = false;
        try (BatchReader reader = source.open(readAllocator)) {
            schema = reader.root().getSchema();
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                int n = root.getRowCount();
                onBatch.accept(n);
                if (n > 0) {
                    if (count + n > lines.length) {
                        lines = Arrays.copyOf(lines, Math.max(count + n, lines.length * 2));
                    }
                    for (int r = 0; r < n; r++) {
                        lines[count + r] = reader.line(r);
                        anyLine |= lines[count + r] > 0;
                    }
                    count += n;
                    batches.add(moveTo(root, owner));
                }
            }
        } catch (RuntimeException e) {
            batches.forEach(VectorSchemaRoot::close);
            throw e;
        }
        return new Table(schema, batches, anyLine ? Arrays.copyOf(lines, count) : null);
    }

    private static VectorSchemaRoot moveTo(VectorSchemaRoot root, BufferAllocator owner) {
        List<FieldVector> moved = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
            TransferPair pair = v.getTransferPair(owner);
            pair.transfer();
            moved.add((FieldVector) pair.getTo());
        }
        VectorSchemaRoot copy = new VectorSchemaRoot(root.getSchema().getFields(), moved, root.getRowCount());
        return copy;
    }

    public Schema schema() {
        return schema;
    }

    public int rows() {
        return rows;
    }

    /** The label text ({@link ClassLabels#labelOf}) of {@code column} in every row, null for empty cells. */
    public String[] labels(String column) {
        String[] out = new String[rows];
        int at = 0;
        for (VectorSchemaRoot batch : batches) {
            FieldVector v = batch.getVector(column);
            for (int r = 0; r < batch.getRowCount(); r++) {
                out[at++] = ClassLabels.labelOf(v, r);
            }
        }
        return out;
    }

    /** The numeric {@code column}'s values in row order, NaN for empty cells. */
    public double[] doubles(String column) {
        double[] out = new double[rows];
        int at = 0;
        for (VectorSchemaRoot batch : batches) {
            FieldVector v = batch.getVector(column);
            for (int r = 0; r < batch.getRowCount(); r++) {
                out[at++] = ArrowColumns.getDouble(v, r);
            }
        }
        return out;
    }

    /** A new table of the rows at {@code indices} (in that order), copied into memory from {@code owner}. */
    public Table select(int[] indices, BufferAllocator owner) {
        return copy(indices, -1, null, owner);
    }

    /**
     * A copy of this table in which row {@code i} of {@code column} holds row {@code order[i]}'s value and every
     * other column is unchanged: one column shuffled, as permutation importance needs. Allocated from
     * {@code owner}.
     */
    public Table permuted(String column, int[] order, BufferAllocator owner) {
        if (order.length != rows) {
            throw new IllegalArgumentException("order has " + order.length + " rows, the table " + rows);
        }
        int index = schema.getFields().indexOf(schema.findField(column));
        int[] identity = new int[rows];
        Arrays.setAll(identity, i -> i);
        return copy(identity, index, order, owner);
    }

    /**
     * A copy of this table in which every row of the numeric {@code column} holds {@code value} (rounded for an
     * integer column): what partial dependence predicts on. Allocated from {@code owner}.
     */
    public Table withConstant(String column, double value, BufferAllocator owner) {
        int index = schema.getFields().indexOf(schema.findField(column));
        if (!ArrowColumns.isNumeric(schema.getFields().get(index))) {
            throw new IllegalArgumentException("column '" + column + "' is not numeric");
        }
        // Partial dependence makes one such table per grid point and feature: the other columns are shared with
        // this table (a transfer of the whole range retains the same buffers, accounted to owner), not copied
        // cell by cell, and only the constant column is new.
        List<VectorSchemaRoot> out = new ArrayList<>();
        try {
            for (VectorSchemaRoot batch : batches) {
                int count = batch.getRowCount();
                List<FieldVector> vectors = new ArrayList<>();
                try {
                    for (int c = 0; c < schema.getFields().size(); c++) {
                        FieldVector from = batch.getVector(c);
                        vectors.add(c == index ? constant(from, value, count, owner) : shared(from, count, owner));
                    }
                } catch (RuntimeException e) {
                    vectors.forEach(FieldVector::close);
                    throw e;
                }
                out.add(new VectorSchemaRoot(schema.getFields(), vectors, count));
            }
        } catch (RuntimeException e) {
            out.forEach(VectorSchemaRoot::close);
            throw e;
        }
        return new Table(schema, out, lines);
    }

    private static FieldVector shared(FieldVector from, int count, BufferAllocator owner) {
        TransferPair pair = from.getTransferPair(owner);
        pair.splitAndTransfer(0, count);
        return (FieldVector) pair.getTo();
    }

    private static FieldVector constant(FieldVector like, double value, int count, BufferAllocator owner) {
        FieldVector v = like.getField().createVector(owner);
        try {
            v.setInitialCapacity(count);
            v.allocateNew();
            for (int r = 0; r < count; r++) {
                if (v instanceof FloatingPointVector fp) {
                    fp.setWithPossibleTruncate(r, value);
                } else if (v instanceof BaseIntVector iv) {
                    iv.setWithPossibleTruncate(r, Math.round(value));
                } else {
                    ((BitVector) v).set(r, value != 0 ? 1 : 0);
                }
            }
            v.setValueCount(count);
            return v;
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /** Rows {@code indices} of every column, except that column {@code swapped} (when >= 0) takes rows {@code swappedRows}. */
    private Table copy(int[] indices, int swapped, int[] swappedRows, BufferAllocator owner) {
        int[] batchOf = new int[rows];
        int[] offsetOf = new int[rows];
        int at = 0;
        for (int b = 0; b < batches.size(); b++) {
            for (int r = 0; r < batches.get(b).getRowCount(); r++, at++) {
                batchOf[at] = b;
                offsetOf[at] = r;
            }
        }
        List<VectorSchemaRoot> out = new ArrayList<>();
        long[] selectedLines = null;
        if (lines != null) {
            selectedLines = new long[indices.length];
            for (int i = 0; i < indices.length; i++) {
                selectedLines[i] = lines[indices[i]];
            }
        }
        try {
            for (int start = 0; start < indices.length; start += SELECT_BATCH_ROWS) {
                int count = Math.min(SELECT_BATCH_ROWS, indices.length - start);
                VectorSchemaRoot batch = VectorSchemaRoot.create(schema, owner);
                out.add(batch);
                batch.allocateNew();
                for (int c = 0; c < schema.getFields().size(); c++) {
                    FieldVector to = batch.getVector(c);
                    int[] source = c == swapped ? swappedRows : indices;
                    for (int i = 0; i < count; i++) {
                        int row = source[start + i];
                        to.copyFromSafe(
                                offsetOf[row], i, batches.get(batchOf[row]).getVector(c));
                    }
                    to.setValueCount(count);
                }
                batch.setRowCount(count);
            }
        } catch (RuntimeException e) {
            out.forEach(VectorSchemaRoot::close);
            throw e;
        }
        return new Table(schema, out, selectedLines);
    }

    /** A re-openable source over this table; valid while the table is open. */
    public Source asSource(String description) {
        return new Source() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public BatchReader open(BufferAllocator allocator) {
                return new SharingReader(batches, lines, VectorSchemaRoot.create(schema, allocator));
            }

            @Override
            public OptionalLong rowCount() {
                return OptionalLong.of(rows);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    @Override
    public void close() {
        batches.forEach(VectorSchemaRoot::close);
    }
}
