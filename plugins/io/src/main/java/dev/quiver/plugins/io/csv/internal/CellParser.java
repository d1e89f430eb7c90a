package dev.quiver.plugins.io.csv.internal;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parses numbers and booleans straight from bytes, without making a String per cell.
 *
 * <p>Surrounding spaces and tabs are ignored. Integers are optionally signed decimal digits that fit in a
 * {@code long}. Reals are the usual decimal forms ({@code 1}, {@code -2.5}, {@code .5}, {@code 1e-3},
 * {@code 6.02E+23}) and, ignoring case, {@code nan}, {@code inf}, {@code infinity}; never Java's {@code 1d},
 * {@code 1f} or hexadecimal forms. Booleans are {@code true} and {@code false}, ignoring case. Results are
 * correctly rounded: the common short decimals take an exact fast path, the rest go to
 * FastDoubleParser's {@code JavaDoubleParser}. One instance per reader; not thread-safe.
 */
public final class CellParser {

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private long longValue;
    private double doubleValue;
    private boolean booleanValue;

    // Set by trim(): the slice without surrounding blanks.
    private int from;
    private int to;

    public long longValue() {
        return longValue;
    }

    public double doubleValue() {
        return doubleValue;
    }

    public boolean booleanValue() {
        return booleanValue;
    }

    /** Parses a 64-bit integer into {@link #longValue()}; false if the text is not one (or overflows). */
    public boolean parseLong(byte[] b, int start, int end) {
        trim(b, start, end);
        int i = from;
        if (i == to) {
            return false;
        }
        boolean negative = b[i] == '-';
        if (negative || b[i] == '+') {
            i++;
            if (i == to) {
                return false;
            }
        }
        // Accumulate negatively, like Long.parseLong, so that Long.MIN_VALUE fits.
        long result = 0;
        for (; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9 || result < (Long.MIN_VALUE + digit) / 10) {
                return false;
            }
            result = result * 10 - digit;
        }
        if (!negative && result == Long.MIN_VALUE) {
            return false;
        }
        longValue = negative ? result : -result;
        return true;
    }

    /** Parses a real number into {@link #doubleValue()}; false if the text is not one. */
    public boolean parseDouble(byte[] b, int start, int end) {
        trim(b, start, end);
        int i = from;
        if (i == to) {
            return false;
        }
        boolean negative = b[i] == '-';
        if (negative || b[i] == '+') {
            i++;
        }
        if (i < to && (b[i] | 0x20) >= 'a' && (b[i] | 0x20) <= 'z') {
            return parseSpecial(b, i, negative);
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean truncated = false;
        int digits = 0;
        for (; i < to && isDigit(b[i]); i++, digits++) {
            if (significant < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                exponent++;
                truncated |= b[i] != '0';
            }
        }
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && isDigit(b[i]); i++, digits++) {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    if (mantissa != 0) {
                        significant++;
                    }
                    exponent--;
                } else {
                    truncated |= b[i] != '0';
                }
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (b[i] | 0x20) == 'e') {
            i++;
            boolean negativeExponent = i < to && b[i] == '-';
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            if (i == to) {
                return false;
            }
            int e = 0;
            for (; i < to && isDigit(b[i]); i++) {
                e = Math.min(e * 10 + (b[i] - '0'), 100_000); // beyond any double's range; saturate, don't overflow
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            return false;
        }
        if (!truncated && mantissa <= MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
            // Both operands are exact doubles, so one IEEE operation gives the correctly rounded result.
            double m = mantissa;
            double v = exponent >= 0 ? m * POWERS_OF_TEN[exponent] : m / POWERS_OF_TEN[-exponent];
            doubleValue = negative ? -v : v;
        } else {
            // The grammar is checked above, so the parser sees only forms it reads the same way we do; it rounds
            // correctly, as Double.parseDouble, without a String per cell.
            doubleValue = JavaDoubleParser.parseDouble(b, from, to - from);
        }
        return true;
    }

    /** Parses {@code true} or {@code false}, ignoring case, into {@link #booleanValue()}. */
    public boolean parseBoolean(byte[] b, int start, int end) {
        trim(b, start, end);
        if (matches(b, from, to, "true")) {
            booleanValue = true;
            return true;
        }
        if (matches(b, from, to, "false")) {
            booleanValue = false;
            return true;
        }
        return false;
    }

    private boolean parseSpecial(byte[] b, int i, boolean negative) {
        if (matches(b, i, to, "nan")) {
            doubleValue = Double.NaN;
            return true;
        }
        if (matches(b, i, to, "inf") || matches(b, i, to, "infinity")) {
            doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        return false;
    }

    /** Whether {@code b[from, to)} spells {@code lowerCaseWord}, ignoring ASCII case. */
    private static boolean matches(byte[] b, int from, int to, String lowerCaseWord) {
        if (to - from != lowerCaseWord.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseWord.length(); i++) {
            if ((b[from + i] | 0x20) != lowerCaseWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private void trim(byte[] b, int start, int end) {
        while (start < end && (b[start] == ' ' || b[start] == '\t')) {
            start++;
        }
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        from = start;
        to = end;
    }
}
