package dev.quiver.plugins.io.csv.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Writes one column's non-null values as CSV fields (a null is an empty field, written by the caller).
 *
 * <p>Numbers are written so the csv source reads them back as the same type and value:
 * <ul>
 *   <li>integers in decimal;</li>
 *   <li>floating point as {@link Double#toString} (or {@link Float#toString}) writes it, which reads back to
 *       the same bits (and is the shortest such text on Java 19+, nearly always on 17), except that whole numbers below 10<sup>15</sup> are written out in full
 *       with a trailing {@code .0} ({@code 12345678.0}, not {@code 1.2345678E7}): plain to a reader, and still
 *       a float column when read back; {@code NaN}, {@code Infinity} and {@code -Infinity} as such;</li>
 *   <li>booleans as {@code true} and {@code false}.</li>
 * </ul>
 * Text is written as UTF-8, quoted when it contains the delimiter, a quote or a line break, and also when it
 * is empty or spells {@code NA} or {@code null}, so that it does not read back as a missing value. Other Arrow
 * types are written as their Java {@code toString()}, quoted the same way. One per column of a writer; not
 * thread-safe.
 */
abstract class ValueWriter {

    private static final byte QUOTE = '"';
    private static final double PLAIN_WHOLE_NUMBER_LIMIT = 1e15;

    abstract void write(FieldVector vector, int row, OutputStream out) throws IOException;

    static ValueWriter of(Field field, byte delimiter) {
        ArrowType.ArrowTypeID type = field.getType().getTypeID();
        return switch (type) {
            case Int -> new Integers();
            case FloatingPoint -> new Reals();
            case Bool -> new Booleans();
            case Utf8 -> new Text(delimiter);
            default -> new Other(delimiter);
        };
    }

    /** How a double is written; see the class comment. */
    static String format(double v) {
        if (v == Math.rint(v) && v != 0 && Math.abs(v) < PLAIN_WHOLE_NUMBER_LIMIT) {
            return Long.toString((long) v) + ".0";
        }
        return Double.toString(v);
    }

    /** How a float is written: as {@link #format(double)}, with the float's own shortest digits. */
    static String format(float v) {
        if (v == Math.rint(v) && v != 0 && Math.abs(v) < PLAIN_WHOLE_NUMBER_LIMIT) {
            return Long.toString((long) v) + ".0";
        }
        return Float.toString(v);
    }

    static void writeAscii(OutputStream out, String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    /** Writes UTF-8 text, quoting it when needed (see the class comment). */
    static void writeText(OutputStream out, byte[] text, int length, byte delimiter) throws IOException {
        if (!needsQuotes(text, length, delimiter)) {
            out.write(text, 0, length);
            return;
        }
        out.write(QUOTE);
        int from = 0;
        for (int i = 0; i < length; i++) {
            if (text[i] == QUOTE) {
                out.write(text, from, i + 1 - from); // up to and including the quote, which is then doubled
                from = i;
            }
        }
        out.write(text, from, length - from);
        out.write(QUOTE);
    }

    static void writeText(OutputStream out, byte[] text, byte delimiter) throws IOException {
        writeText(out, text, text.length, delimiter);
    }

    private static boolean needsQuotes(byte[] text, int length, byte delimiter) {
        if (length == 0 || spells(text, length, "NA") || spells(text, length, "null")) {
            return true;
        }
        for (int i = 0; i < length; i++) {
            byte b = text[i];
            if (b == delimiter || b == QUOTE || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean spells(byte[] text, int length, String word) {
        if (length != word.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text[i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static final class Integers extends ValueWriter {
        @Override
        void write(FieldVector vector, int row, OutputStream out) throws IOException {
            writeAscii(out, Long.toString(((BaseIntVector) vector).getValueAsLong(row)));
        }
    }

    private static final class Reals extends ValueWriter {
        @Override
        void write(FieldVector vector, int row, OutputStream out) throws IOException {
            if (vector instanceof Float4Vector f) {
                writeAscii(out, format(f.get(row)));
            } else {
                writeAscii(out, format(((FloatingPointVector) vector).getValueAsDouble(row)));
            }
        }
    }

    private static final class Booleans extends ValueWriter {
        @Override
        void write(FieldVector vector, int row, OutputStream out) throws IOException {
            writeAscii(out, ((BitVector) vector).get(row) != 0 ? "true" : "false");
        }
    }

    /** Copies each value's bytes into one reused array rather than allocating a byte[] or String per cell. */
    private static final class Text extends ValueWriter {
        private final byte delimiter;
        private byte[] scratch = new byte[256];

        Text(byte delimiter) {
            this.delimiter = delimiter;
        }

        @Override
        void write(FieldVector vector, int row, OutputStream out) throws IOException {
            BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
            int start = v.getStartOffset(row);
            int length = v.getEndOffset(row) - start;
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            v.getDataBuffer().getBytes(start, scratch, 0, length);
            writeText(out, scratch, length, delimiter);
        }
    }

    private static final class Other extends ValueWriter {
        private final byte delimiter;

        Other(byte delimiter) {
            this.delimiter = delimiter;
        }

        @Override
        void write(FieldVector vector, int row, OutputStream out) throws IOException {
            writeText(out, String.valueOf(vector.getObject(row)).getBytes(StandardCharsets.UTF_8), delimiter);
        }
    }
}
