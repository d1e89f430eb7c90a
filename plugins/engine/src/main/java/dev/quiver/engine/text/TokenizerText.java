package dev.quiver.engine.text;

import java.util.Arrays;

/**
 * A tokenizer as one line of text, so that a text source can hand the tokenizer it trained to the model through
 * its Arrow schema's metadata ({@value #METADATA_KEY}): {@code byte}, {@code char:<code points>} or
 * {@code bpe:<left ids>/<right ids>}, numbers comma-separated. Stateless.
 */
public final class TokenizerText {

    /** The schema metadata key that holds the line. */
    public static final String METADATA_KEY = "quiver.tokenizer";

    private TokenizerText() {}

    public static String write(Tokenizer tokenizer) {
        if (tokenizer instanceof CharTokenizer c) {
            return CharTokenizer.TYPE + ":" + join(c.alphabet());
        }
        if (tokenizer instanceof BpeTokenizer b) {
            int[][] merges = b.merges();
            return BpeTokenizer.TYPE + ":" + join(merges[0]) + "/" + join(merges[1]);
        }
        return ByteTokenizer.TYPE;
    }

    /**
     * The tokenizer {@link #write} described.
     *
     * @throws IllegalArgumentException for a line it did not write
     */
    public static Tokenizer read(String line) {
        if (line.equals(ByteTokenizer.TYPE)) {
            return new ByteTokenizer();
        }
        if (line.startsWith(CharTokenizer.TYPE + ":")) {
            return CharTokenizer.of(ints(line.substring(CharTokenizer.TYPE.length() + 1)));
        }
        if (line.startsWith(BpeTokenizer.TYPE + ":")) {
            String[] parts = line.substring(BpeTokenizer.TYPE.length() + 1).split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a bpe tokenizer line needs left/right merges");
            }
            return BpeTokenizer.of(ints(parts[0]), ints(parts[1]));
        }
        throw new IllegalArgumentException(
                "'" + (line.length() > 20 ? line.substring(0, 20) + "..." : line) + "' describes no tokenizer");
    }

    private static String join(int[] values) {
        StringBuilder s = new StringBuilder(values.length * 4);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(values[i]);
        }
        return s.toString();
    }

    private static int[] ints(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(text.split(",", -1)).mapToInt(Integer::parseInt).toArray();
    }
}
