package dev.quiver.api.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the closest known word to a misspelled one, for messages like "unknown key 'lerning_rate'; did you
 * mean 'learningRate'?". Case, dashes and underscores are ignored, then the nearest by edit distance wins if it
 * is close enough to be a plausible typo. Stateless.
 */
public final class DidYouMean {

    private DidYouMean() {}

    /** The best candidate for {@code word}, or empty when none is plausibly meant. */
    public static Optional<String> suggest(String word, Collection<String> candidates) {
        String w = normalize(word);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(w, normalize(candidate));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(1, Math.min(w.length(), normalize(best).length()) / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code "; did you mean 'x'?"}, or an empty string: ready to append to a message. */
    public static String hint(String word, Collection<String> candidates) {
        return suggest(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions, the commonest typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
