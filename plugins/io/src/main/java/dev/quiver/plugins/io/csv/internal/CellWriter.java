package dev.quiver.plugins.io.csv.internal;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes one column's cells, given as byte slices, into its Arrow vector. One per column of a reader; not
 * thread-safe.
 */
abstract class CellWriter {

    /** Converts and stores the cell; false if the text is not a value of this column's type (or, for text, not UTF-8). */
    abstract boolean write(int row, byte[] b, int start, int end);

    abstract void writeNull(int row);

    /** Makes room for {@code rows} values, keeping buffers from the previous batch when they are big enough. */
    abstract void prepare(int rows);

    abstract boolean isText();

    static CellWriter of(ColumnType type, FieldVector vector, CellParser parser) {
        return switch (type) {
            case INT64 -> new Int64((BigIntVector) vector, parser);
            case FLOAT64 -> new Float64((Float8Vector) vector, parser);
            case BOOL -> new Bool((BitVector) vector, parser);
            case UTF8 -> new Utf8((VarCharVector) vector);
        };
    }

    /** The cell as text for a message, shortened so a runaway field does not flood the terminal. */
    static String show(byte[] b, int start, int end) {
        int max = 60;
        String s = new String(b, start, Math.min(end - start, max * 4), StandardCharsets.UTF_8);
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }

    /** Fixed-width vectors: after a consumer transferred the buffers away, capacity is 0 and we allocate anew. */
    private abstract static class FixedWidth<V extends BaseFixedWidthVector> extends CellWriter {
        final V vector;
        final CellParser parser;

        FixedWidth(V vector, CellParser parser) {
            this.vector = vector;
            this.parser = parser;
        }

        @Override
        final void prepare(int rows) {
            if (vector.getValueCapacity() < rows) {
                vector.allocateNew(rows);
            } else {
                vector.reset();
            }
        }

        @Override
        final void writeNull(int row) {
            vector.setNull(row);
        }

        @Override
        final boolean isText() {
            return false;
        }
    }

    private static final class Int64 extends FixedWidth<BigIntVector> {
        Int64(BigIntVector vector, CellParser parser) {
            super(vector, parser);
        }

        @Override
        boolean write(int row, byte[] b, int start, int end) {
            if (!parser.parseLong(b, start, end)) {
                return false;
            }
            vector.set(row, parser.longValue());
            return true;
        }
    }

    private static final class Float64 extends FixedWidth<Float8Vector> {
        Float64(Float8Vector vector, CellParser parser) {
            super(vector, parser);
        }

        @Override
        boolean write(int row, byte[] b, int start, int end) {
            if (!parser.parseDouble(b, start, end)) {
                return false;
            }
            vector.set(row, parser.doubleValue());
            return true;
        }
    }

    private static final class Bool extends FixedWidth<BitVector> {
        Bool(BitVector vector, CellParser parser) {
            super(vector, parser);
        }

        @Override
        boolean write(int row, byte[] b, int start, int end) {
            if (!parser.parseBoolean(b, start, end)) {
                return false;
            }
            vector.set(row, parser.booleanValue() ? 1 : 0);
            return true;
        }
    }

    private static final class Utf8 extends CellWriter {
        private final VarCharVector vector;

        Utf8(VarCharVector vector) {
            this.vector = vector;
        }

        @Override
        boolean write(int row, byte[] b, int start, int end) {
            if (Utf8Check.firstInvalid(b, start, end) >= 0) {
                return false;
            }
            vector.setSafe(row, b, start, end - start);
            return true;
        }

        @Override
        void writeNull(int row) {
            vector.setNull(row);
        }

        @Override
        void prepare(int rows) {
            if (vector.getValueCapacity() < rows) {
                vector.allocateNew(rows);
            } else {
                vector.reset();
            }
        }

        @Override
        boolean isText() {
            return true;
        }
    }
}
