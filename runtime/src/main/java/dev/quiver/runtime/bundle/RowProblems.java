package dev.quiver.runtime.bundle;

import java.util.Arrays;

/** The first problem of each row of one batch, as predict finds them. Confined to one predict call. */
final class RowProblems {

    private final String[] columns;
    private final String[] reasons;
    private int count;

    RowProblems(int rows) {
        columns = new String[rows];
        reasons = new String[rows];
    }

    /** Records {@code reason} for {@code row} unless the row already has a problem (the first one is reported). */
    void flag(int row, String column, String reason) {
        if (reasons[row] == null) {
            columns[row] = column;
            reasons[row] = reason;
            count++;
        }
    }

    boolean has(int row) {
        return reasons[row] != null;
    }

    int count() {
        return count;
    }

    /** The error for the lowest flagged row; only when {@link #count()} is not 0. */
    InvalidRowException first() {
        for (int r = 0; r < reasons.length; r++) {
            if (reasons[r] != null) {
                return new InvalidRowException(r, columns[r], reasons[r]);
            }
        }
        throw new IllegalStateException("no invalid row");
    }

    /** The rows without a problem, ascending. */
    int[] validRows() {
        int[] out = new int[reasons.length - count];
        int i = 0;
        for (int r = 0; r < reasons.length; r++) {
            if (reasons[r] == null) {
                out[i++] = r;
            }
        }
        return i == out.length ? out : Arrays.copyOf(out, i);
    }
}
