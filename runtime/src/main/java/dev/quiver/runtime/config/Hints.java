package dev.quiver.runtime.config;

import dev.quiver.api.config.DidYouMean;
import java.util.Collection;

/**
 * The tail of an "unknown word" message: a did-you-mean when one is plausible, then what is known. Stateless and
 * thread-safe.
 */
public final class Hints {

    private Hints() {}

    /**
     * {@code "; did you mean 'mean'? known models: majority, mean"}, or without the did-you-mean when no
     * candidate is close; {@code "; no models are known"} when there are no candidates.
     *
     * @param what the plural noun for the candidates, e.g. {@code models}, {@code keys}, {@code columns}
     */
    public static String unknown(String word, Collection<String> candidates, String what) {
        if (candidates.isEmpty()) {
            return "; no " + what + " are known";
        }
        String hint = DidYouMean.hint(word, candidates);
        return hint + (hint.isEmpty() ? "; " : " ") + "known " + what + ": " + String.join(", ", candidates);
    }
}
