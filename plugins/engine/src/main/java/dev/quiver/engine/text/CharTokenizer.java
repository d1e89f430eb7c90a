package dev.quiver.engine.text;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One token per Unicode code point of a fixed alphabet, the distinct code points of a corpus in ascending order
 * (so the ids depend only on which characters occur). Text with a character outside the alphabet is refused,
 * naming it. Immutable.
 */
public final class CharTokenizer implements Tokenizer {

    static final String TYPE = "char";

    private final int[] alphabet;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private CharTokenizer(int[] alphabet) {
        this.alphabet = alphabet;
        for (int i = 0; i < alphabet.length; i++) {
            ids.put(alphabet[i], i);
        }
    }

    /** The alphabet of {@code corpus}. */
    public static CharTokenizer fit(String corpus) {
        return new CharTokenizer(corpus.codePoints().distinct().sorted().toArray());
    }

    /**
     * The tokenizer of {@code alphabet}, ascending code points.
     *
     * @throws IllegalArgumentException when they are not
     */
    public static CharTokenizer of(int[] alphabet) {
        for (int i = 0; i < alphabet.length; i++) {
            if (alphabet[i] < 0
                    || alphabet[i] > Character.MAX_CODE_POINT
                    || (i > 0 && alphabet[i] <= alphabet[i - 1])) {
                throw new IllegalArgumentException("not an ascending list of code points at " + i);
            }
        }
        return new CharTokenizer(alphabet.clone());
    }

    /** The code points, in id order. */
    public int[] alphabet() {
        return alphabet.clone();
    }

    static CharTokenizer load(StateReader state) {
        long[] codePoints = state.getLongs("alphabet");
        int[] alphabet = new int[codePoints.length];
        for (int i = 0; i < alphabet.length; i++) {
            if (codePoints[i] < 0
                    || codePoints[i] > Character.MAX_CODE_POINT
                    || (i > 0 && codePoints[i] <= codePoints[i - 1])) {
                throw state.damaged("alphabet", "is not an ascending list of code points at " + i);
            }
            alphabet[i] = (int) codePoints[i];
        }
        return new CharTokenizer(alphabet);
    }

    @Override
    public int vocabSize() {
        return alphabet.length;
    }

    @Override
    public int[] encode(String text) {
        int[] points = text.codePoints().toArray();
        int[] out = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            Integer id = ids.get(points[i]);
            if (id == null) {
                throw new IllegalArgumentException("character " + new String(Character.toChars(points[i]))
                        + " (U+" + Integer.toHexString(points[i]).toUpperCase(Locale.ROOT) + ") at " + i
                        + " is not in the tokenizer's alphabet of " + alphabet.length);
            }
            out[i] = id;
        }
        return out;
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder s = new StringBuilder(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= alphabet.length) {
                throw new IllegalArgumentException("token " + tokens[i] + " at " + i + " outside the alphabet");
            }
            s.appendCodePoint(alphabet[tokens[i]]);
        }
        return s.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void save(StateWriter state) {
        state.putString("type", TYPE);
        state.putLongs("alphabet", Arrays.stream(alphabet).asLongStream().toArray());
    }
}
