package dev.quiver.api.data;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
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
     * Whether every value of {@code column} is present and finite: a check of a whole batch in one pass over the
     * data buffer, before any row-by-row scan for the rows that are not. False for a non-numeric column.
     */
    public static boolean allFinite(FieldVector column) {
        if (column.getNullCount() != 0) {
            return false;
        }
        int rows = column.getValueCount();
        if (column instanceof Float8Vector) {
            DoubleBuffer values = doubles(column, rows);
            for (int r = 0; r < rows; r++) {
                if (!Double.isFinite(values.get(r))) {
                    return false;
                }
            }
            return true;
        }
        if (column instanceof Float4Vector) {
            FloatBuffer values = floats(column, rows);
            for (int r = 0; r < rows; r++) {
                if (!Float.isFinite(values.get(r))) {
                    return false;
                }
            }
            return true;
        }
        if (column instanceof FloatingPointVector fp) {
            for (int r = 0; r < rows; r++) {
                if (!Double.isFinite(fp.getValueAsDouble(r))) {
                    return false;
                }
            }
            return true;
        }
        return column instanceof BaseIntVector || column instanceof BitVector;
    }

    /**
     * Writes {@code column}'s values into {@code dst[offset + row * stride]} for each row of the batch: with
     * {@code stride} = the number of features this fills one column of a row-major matrix.
     */
    public static void copyFloats(FieldVector column, float[] dst, int offset, int stride) {
        int rows = column.getValueCount();
        if (column instanceof Float4Vector && column.getNullCount() == 0) {
            FloatBuffer values = floats(column, rows);
            if (stride == 1) {
                values.get(dst, offset, rows);
            } else {
                for (int r = 0, i = offset; r < rows; r++, i += stride) {
                    dst[i] = values.get(r);
                }
            }
        } else if (column instanceof Float8Vector && column.getNullCount() == 0) {
            DoubleBuffer values = doubles(column, rows);
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = (float) values.get(r);
            }
        } else if (column instanceof FloatingPointVector fp) {
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
        if (column instanceof Float8Vector && column.getNullCount() == 0) {
            DoubleBuffer values = doubles(column, rows);
            if (stride == 1) {
                values.get(dst, offset, rows);
            } else {
                for (int r = 0, i = offset; r < rows; r++, i += stride) {
                    dst[i] = values.get(r);
                }
            }
        } else if (column instanceof Float4Vector && column.getNullCount() == 0) {
            FloatBuffer values = floats(column, rows);
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = values.get(r);
            }
        } else if (column instanceof FloatingPointVector fp) {
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = column.isNull(r) ? Double.NaN : fp.getValueAsDouble(r);
            }
        } else {
            for (int r = 0, i = offset; r < rows; r++, i += stride) {
                dst[i] = getDouble(column, r);
            }
        }
    }

    // Without nulls, a float column is read through a view of its data buffer: one bounds check per batch, and a
    // bulk copy when stride is 1, instead of a validity-bit test and a checked read per cell (the per-cell path was
    // most of the time a run spent outside training on a 2M-row file). The view's byte order is the platform's,
    // as ArrowBuf's own getDouble reads it.
    private static DoubleBuffer doubles(FieldVector column, int rows) {
        return column.getDataBuffer()
                .nioBuffer(0, rows * Float8Vector.TYPE_WIDTH)
                .order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
    }

    private static FloatBuffer floats(FieldVector column, int rows) {
        return column.getDataBuffer()
                .nioBuffer(0, rows * Float4Vector.TYPE_WIDTH)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
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
