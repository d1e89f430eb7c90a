package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.TransferPair;

/** Small Arrow helpers the transforms share. Stateless. */
public final class Vectors {

    public static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private Vectors() {}

    /** A float64 field named {@code name}. */
    public static Field float64(String name, boolean nullable) {
        return new Field(name, new FieldType(nullable, FLOAT64, null), null);
    }

    /** An empty float64 vector of {@code field} with room for {@code rows} values; the caller owns it. */
    public static Float8Vector newFloat64(Field field, int rows, BufferAllocator allocator) {
        Float8Vector v = (Float8Vector) field.createVector(allocator);
        v.allocateNew(rows);
        return v;
    }

    /**
     * A vector of {@code allocator} holding the first {@code rows} values of {@code column} by sharing its
     * buffers (reference counted, no copy). {@code column} is left as it was: still readable, still the
     * caller's to close, in either order with the result. The caller owns the result.
     */
    public static FieldVector share(FieldVector column, int rows, BufferAllocator allocator) {
        TransferPair pair = column.getTransferPair(allocator);
        if (rows > 0) {
            pair.splitAndTransfer(0, rows);
        }
        return (FieldVector) pair.getTo();
    }

    /** Adds the vectors it makes to {@code out}, which then owns them. */
    @FunctionalInterface
    public interface Making<V extends FieldVector> {
        void make(List<V> out);
    }

    /**
     * The vectors {@code making} adds to a new list, the caller's to close once this returns. When it throws, each
     * vector it had already added is closed first, so a batch that fails half-way gives its memory back.
     */
    public static <V extends FieldVector> List<V> made(Making<V> making) {
        List<V> out = new ArrayList<>();
        try {
            making.make(out);
            return out;
        } catch (RuntimeException e) {
            try {
                AutoCloseables.close(out);
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The column's values as doubles (nulls as NaN), in {@code buffer} when it is big enough. */
    public static double[] doubles(FieldVector column, double[] buffer) {
        int rows = column.getValueCount();
        double[] values = buffer.length >= rows ? buffer : new double[rows];
        ArrowColumns.copyDoubles(column, values, 0, 1);
        return values;
    }

    /** Receives one column of one batch: its index among the scanned columns and its first {@code rows} values. */
    @FunctionalInterface
    public interface ColumnValues {
        void accept(int column, double[] values, int rows);
    }

    /**
     * One pass over {@code data}, handing each batch's {@code columns} to {@code consumer} as doubles (missing
     * cells as NaN). The array is reused between calls: a consumer copies what it keeps.
     *
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#DATA}) for an infinite value, naming its row
     *     and column: a mean, a variance or a range learned from it would turn the whole column into NaN
     */
    public static void scanNumeric(
            Source data, List<String> columns, BufferAllocator allocator, ColumnValues consumer) {
        double[] buffer = new double[0];
        long firstRow = 1;
        try (BatchReader reader = data.open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                int rows = root.getRowCount();
                for (int c = 0; c < columns.size(); c++) {
                    buffer = doubles(ArrowColumns.vector(root, columns.get(c)), buffer);
                    requireFinite(buffer, rows, data, reader, firstRow, columns.get(c));
                    consumer.accept(c, buffer, rows);
                }
                firstRow += rows;
            }
        }
    }

    /**
     * Throws a data error naming the first infinite value among the first {@code rows} of {@code values}, at its
     * line of the file when {@code reader} knows it, else at its row number ({@code firstRow} is the batch's).
     */
    static void requireFinite(
            double[] values, int rows, Source data, BatchReader reader, long firstRow, String column) {
        for (int r = 0; r < rows; r++) {
            if (Double.isInfinite(values[r])) {
                throw QuiverException.data(
                        data.describe(),
                        where(reader, firstRow, r),
                        column,
                        "the value " + values[r]
                                + " cannot be learned from; replace or drop infinite values before this transform.");
            }
        }
    }

    /** Row {@code r} of the current batch as a file line, or as a 1-based row number when the data has no lines. */
    static long where(BatchReader reader, long firstRow, int r) {
        long line = reader.line(r);
        return line > 0 ? line : firstRow + r;
    }
}
