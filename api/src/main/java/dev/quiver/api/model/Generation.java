package dev.quiver.api.model;

/**
 * How a {@link LanguageModel} continues a prompt: {@code tokens} new tokens, each drawn from the logits divided
 * by {@code temperature} (0: always the most likely token), cut to the {@code topK} most likely (0: no cut) and
 * then to the smallest set whose probability reaches {@code topP} (1: no cut), with a generator seeded by
 * {@code seed}, so the same seed gives the same text. Immutable.
 */
public record Generation(int tokens, double temperature, int topK, double topP, long seed) {

    public Generation {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be >= 0, got " + tokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0: every token), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
    }

    /** {@code tokens} tokens at temperature 0.8, top-k 40, no top-p cut, seed 0: the command line's defaults. */
    public static Generation of(int tokens) {
        return new Generation(tokens, 0.8, 40, 1.0, 0);
    }
}
