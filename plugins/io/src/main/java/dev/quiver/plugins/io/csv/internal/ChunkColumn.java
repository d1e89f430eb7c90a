package dev.quiver.plugins.io.csv.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * One column of a parsed chunk: its cells converted from byte slices into a primitive array on a worker thread,
 * then copied into the reader's Arrow vector by the reading thread. Heap only, so a chunk dropped half-way (an
 * error, a closed reader) holds no Arrow memory. Written by one thread, then read by another after the hand-over
 * through a {@link java.util.concurrent.Future}.
 */
abstract class ChunkColumn {

    /** Rows whose cell was missing. */
    boolean[] nulls = new boolean[0];

    /** Converts and stores the cell; false if the text is not a value of this column's type (or, for text, not UTF-8). */
    abstract boolean write(int row, byte[] b, int start, int end);

    void writeNull(int row) {
        nulls[row] = true;
    }

    /** Makes room for rows {@code [0, rows)}, keeping what is written. */
    void grow(int rows) {
        nulls = Arrays.copyOf(nulls, rows);
    }

    /** Copies rows {@code [from, to)} into {@code vector} from index {@code at}, which has room for them. */
    abstract void copyTo(FieldVector vector, int from, int to, int at);

    abstract boolean isText();

    static ChunkColumn of(ColumnType type, CellParser parser) {
        return switch (type) {
            case INT64 -> new Int64(parser);
            case FLOAT64 -> new Float64(parser);
            case BOOL -> new Bool(parser);
            case UTF8 -> new Utf8();
        };
    }

    /** The cell as text for a message, shortened so a runaway field does not flood the terminal. */
    static String show(byte[] b, int start, int end) {
        int max = 60;
        String s = new String(b, start, Math.min(end - start, max * 4), StandardCharsets.UTF_8);
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }

    private static final class Float64 extends ChunkColumn {
        private final CellParser parser;
        private double[] values = new double[0];

        Float64(CellParser parser) {
            this.parser = parser;
        }

        @Override
        boolean write(int row, byte[] b, int start, int end) {
            if (!parser.parseDouble(b, start, end)) {
                return false;
            }
            values[row] = parser.doubleValue();
            return true;
        }

        @Override
        void grow(int rows) {
            super.grow(rows);
            values = Arrays.copyOf(values, rows);
        }

        @Override
        void copyTo(FieldVector vector, int from, int to, int at) {
            Float8Vector v = (Float8Vector) vector;
            for (int r = from; r < to; r++, at++) {
                if (!nulls[r]) {
                    v.set(at, values[r]);
                }
            }
        }

        @Override
        boolean isText() {
            return false;
        }
    }

    private static final class Int64 extends ChunkColumn {
        private final CellParser parser;
        private long[] values = new long[0];

        Int64(CellParser parser) {
            this.parser = parser;
        }

        @Override
        boolean write(int row, byte[] b, int start, int end) {
            if (!parser.parseLong(b, start, end)) {
                return false;
            }
            values[row] = parser.longValue();
            return true;
        }

        @Override
        void grow(int rows) {
            super.grow(rows);
            values = Arrays.copyOf(values, rows);
        }

        @Override
        void copyTo(FieldVector vector, int from, int to, int at) {
            BigIntVector v = (BigIntVector) vector;
            for (int r = from; r < to; r++, at++) {
                if (!nulls[r]) {
                    v.set(at, values[r]);
                }
            }
        }

        @Override
        boolean isText() {
            return false;
        }
    }

    private static final class Bool extends ChunkColumn {
        private final CellParser parser;
        private boolean[] values = new boolean[0];

        Bool(CellParser parser) {
            this.parser = parser;
        }

        @Override
        boolean write(int row, byte[] b, int start, int end) {
            if (!parser.parseBoolean(b, start, end)) {
                return false;
            }
            values[row] = parser.booleanValue();
            return true;
        }

        @Override
        void grow(int rows) {
            super.grow(rows);
            values = Arrays.copyOf(values, rows);
        }

        @Override
        void copyTo(FieldVector vector, int from, int to, int at) {
            BitVector v = (BitVector) vector;
            for (int r = from; r < to; r++, at++) {
                if (!nulls[r]) {
                    v.set(at, values[r] ? 1 : 0);
                }
            }
        }

        @Override
        boolean isText() {
            return false;
        }
    }

    /** Text cells back to back in one array; row {@code r} is {@code bytes[ends[r - 1], ends[r])}. */
    private static final class Utf8 extends ChunkColumn {
        private byte[] bytes = new byte[256];
        private int size;
        private int[] ends = new int[0];

        @Override
        boolean write(int row, byte[] b, int start, int end) {
            if (Utf8Check.firstInvalid(b, start, end) >= 0) {
                return false;
            }
            int length = end - start;
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(b, start, bytes, size, length);
            size += length;
            ends[row] = size;
            return true;
        }

        @Override
        void writeNull(int row) {
            super.writeNull(row);
            ends[row] = size;
        }

        @Override
        void grow(int rows) {
            super.grow(rows);
            ends = Arrays.copyOf(ends, rows);
        }

        @Override
        void copyTo(FieldVector vector, int from, int to, int at) {
            VarCharVector v = (VarCharVector) vector;
            for (int r = from; r < to; r++, at++) {
                if (!nulls[r]) {
                    int start = r == 0 ? 0 : ends[r - 1];
                    v.setSafe(at, bytes, start, ends[r] - start);
                }
            }
        }

        @Override
        boolean isText() {
            return true;
        }
    }
}
