package dev.quiver.plugins.io.csv.internal;

import java.util.Arrays;

/**
 * Infers each column's type from sample rows: the narrowest of int64, float64, bool and utf8 that reads every
 * non-missing sampled cell. Integers widen to float64; anything else that disagrees widens to utf8. A column
 * with no values in the sample is utf8, the one type that can read whatever comes later. Not thread-safe.
 */
final class TypeInference {

    /** What a column's sampled cells allow so far; {@code null} means no value seen yet. */
    private final ColumnType[] candidates;

    private final CellParser parser = new CellParser();

    TypeInference(int columns) {
        candidates = new ColumnType[columns];
    }

    void observe(int column, byte[] b, int start, int end) {
        ColumnType current = candidates[column];
        if (current == ColumnType.UTF8) {
            return;
        }
        candidates[column] = widen(current, b, start, end);
    }

    private ColumnType widen(ColumnType current, byte[] b, int start, int end) {
        if (current == null || current == ColumnType.INT64) {
            if (parser.parseLong(b, start, end)) {
                return ColumnType.INT64;
            }
            if (parser.parseDouble(b, start, end)) {
                return ColumnType.FLOAT64;
            }
            return current == null && parser.parseBoolean(b, start, end) ? ColumnType.BOOL : ColumnType.UTF8;
        }
        if (current == ColumnType.FLOAT64) {
            return parser.parseDouble(b, start, end) ? ColumnType.FLOAT64 : ColumnType.UTF8;
        }
        return parser.parseBoolean(b, start, end) ? ColumnType.BOOL : ColumnType.UTF8;
    }

    ColumnType[] result() {
        ColumnType[] types = Arrays.copyOf(candidates, candidates.length);
        for (int i = 0; i < types.length; i++) {
            if (types[i] == null) {
                types[i] = ColumnType.UTF8;
            }
        }
        return types;
    }
}
