package dev.quiver.engine.lm;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.engine.text.Tokenizer;

/**
 * Which next tokens a completion-only loss learns: on each line, those after the marker token (say {@code =})
 * up to and including the line's end, as the engine's addition test and TRL's completion-only training do; the
 * rest of a line (a prompt, random operands) only conditions. Immutable.
 */
record CompletionMask(int marker, int newline) {

    /** The mask of {@code marker} text under {@code tokenizer}; it must be one token, and so must a line break. */
    static CompletionMask of(String marker, Tokenizer tokenizer) {
        int[] ids;
        int[] nl;
        try {
            ids = tokenizer.encode(marker);
            nl = tokenizer.encode("\n");
        } catch (IllegalArgumentException e) {
            throw new QuiverException(
                    ErrorCode.USAGE, "model.completionAfter '" + marker + "' cannot be encoded: " + e.getMessage());
        }
        if (ids.length != 1 || nl.length != 1) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "model.completionAfter '" + marker + "' is " + ids.length + " tokens under the " + tokenizer.type()
                            + " tokenizer; it must be exactly one (as must a line break)");
        }
        return new CompletionMask(ids[0], nl[0]);
    }

    /** One flag per predicted token of {@code batch} windows of {@code length} tokens, row-major. */
    boolean[] of(int[] windows, int batch, int length) {
        int time = length - 1;
        boolean[] mask = new boolean[batch * time];
        for (int b = 0; b < batch; b++) {
            boolean inCompletion = false;
            for (int i = 0; i < time; i++) {
                int token = windows[b * length + i];
                if (token == marker) {
                    inCompletion = true;
                } else if (token == newline) {
                    inCompletion = false;
                }
                // The target of position i is token i + 1: after the marker, up to and including the line break.
                mask[b * time + i] = inCompletion;
            }
        }
        return mask;
    }
}
