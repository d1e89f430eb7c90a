package dev.quiver.api.data;

import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Copies numeric Arrow columns into primitive arrays without boxing, the bridge every numeric model uses.
 *
 * <p>Integers, floating point and booleans (as 0/1) are numeric; nulls become {@code NaN}. Stateless and
 * thread-safe.
 */
public final class ArrowColumns {

    private ArrowColumns() {}

    /** Whether a column of this type can be read as numbers. */
    public static boolean isNumeric(Field field) {
        ArrowType.ArrowTypeID id = field.getType().getTypeID();
        return id == ArrowType.ArrowTypeID.Int
                || id == ArrowType.ArrowTypeID.FloatingPoint
                || id == ArrowType.ArrowTypeID.Bool;
    }

    /** The value at {@code row} as a double; {@code NaN} for null. */
    public static double getDouble(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return Double.NaN;
        }
        if (vector instanceof FloatingPointVector fp) {
            return fp.getValueAsDouble(row);
        }
        if (vector instanceof BaseIntVector iv) {
            return iv.getValueAsLong(row);
        }
        if (vector instanceof BitVector bv) {
            return bv.get(row);
        }
        throw new IllegalArgumentException(
                "column '" + vector.getName() + "' of type " + vector.getField().getType() + " is not numeric");
    }

    /**
     * Writes {@code column}'s values into {@code dst[offset + row * stride]} for each row of the batch: with
     * {@code stride} = the number of features this fills one column of a row-major matrix.
     */
    public static void copyFloats(FieldVector column, float[] dst, int offset, int stride) {
        int rows = column.getValueCount();
        if (column instanceof FloatingPointVector fp) {
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = column.isNull(r) ? Float.NaN : (float) fp.getValueAsDouble(r);
            }
        } else if (column instanceof BaseIntVector iv) {
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = column.isNull(r) ? Float.NaN : (float) iv.getValueAsLong(r);
            }
        } else {
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = (float) getDouble(column, r);
            }
        }
    }

    /** As {@link #copyFloats}, in double precision. */
    public static void copyDoubles(FieldVector column, double[] dst, int offset, int stride) {
        int rows = column.getValueCount();
        if (column instanceof FloatingPointVector fp) {
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = column.isNull(r) ? Double.NaN : fp.getValueAsDouble(r);
            }
        } else {
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = getDouble(column, r);
            }
        }
    }

    /**
     * The named columns of {@code root} as a row-major {@code rows x columns.size()} matrix written into
     * {@code dst} starting at {@code offset}. {@code dst} must have room for {@code rowCount * columns.size()}.
     */
    public static void toRowMajorFloats(VectorSchemaRoot root, List<String> columns, float[] dst, int offset) {
        int width = columns.size();
        for (int c = 0; c < width; c++) {
            copyFloats(vector(root, columns.get(c)), dst, offset + c, width);
        }
    }

    /** As {@link #toRowMajorFloats}, in double precision. */
    public static void toRowMajorDoubles(VectorSchemaRoot root, List<String> columns, double[] dst, int offset) {
        int width = columns.size();
        for (int c = 0; c < width; c++) {
            copyDoubles(vector(root, columns.get(c)), dst, offset + c, width);
        }
    }

    /** The column named {@code name}, or an {@link IllegalArgumentException} listing the ones there are. */
    public static FieldVector vector(VectorSchemaRoot root, String name) {
        FieldVector v = root.getVector(name);
        if (v == null) {
            throw new IllegalArgumentException("no column '" + name + "' in batch with columns "
                    + root.getSchema().getFields().stream().map(Field::getName).toList());
        }
        return v;
    }
}
