package dev.quiver.plugins.io.csv.internal;

import java.util.Arrays;

/**
 * Decides which cells are missing values.
 *
 * <p>An unquoted cell equal to a null token is missing. A cell in a number or boolean column is also missing when
 * it is empty, quoted or not, since it cannot mean anything else there; in a text column a quoted empty cell
 * ({@code ""}) is an empty string, which is how the csv sink writes one. Immutable.
 */
final class MissingValues {

    private final byte[][] tokens;
    private final int shortest;
    private final int longest;

    MissingValues(byte[][] tokens) {
        this.tokens = tokens.clone();
        this.shortest = Arrays.stream(tokens).mapToInt(t -> t.length).min().orElse(Integer.MAX_VALUE);
        this.longest = Arrays.stream(tokens).mapToInt(t -> t.length).max().orElse(-1);
    }

    boolean isMissing(byte[] b, int start, int end, boolean quoted, boolean textColumn) {
        if (end == start && !textColumn) {
            return true;
        }
        return !quoted && isNullToken(b, start, end);
    }

    private boolean isNullToken(byte[] b, int start, int end) {
        int length = end - start;
        if (length < shortest || length > longest) {
            return false; // the common case, a real value longer than every token, costs one comparison
        }
        for (byte[] token : tokens) {
            if (token.length == length && Arrays.equals(b, start, end, token, 0, length)) {
                return true;
            }
        }
        return false;
    }
}
