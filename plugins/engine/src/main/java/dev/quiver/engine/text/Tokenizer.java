package dev.quiver.engine.text;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;

/**
 * Text to token ids and back. {@code decode(encode(s))} equals {@code s} for every text the tokenizer accepts.
 * Implementations are immutable once built, so any thread may call them.
 */
public interface Tokenizer {

    /** Ids run from 0 to {@code vocabSize() - 1}. */
    int vocabSize();

    int[] encode(String text);

    String decode(int[] ids);

    /**
     * The UTF-8 bytes of one token, so that a stream of tokens can be decoded as it comes (a byte-level token may
     * end inside a character). By default the token decoded alone.
     */
    default byte[] bytesOf(int id) {
        return decode(new int[] {id}).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The tokenizer's kind: {@code char}, {@code byte} or {@code bpe}. */
    String type();

    /** Writes the kind and the vocabulary, so that {@link #load} rebuilds an identical tokenizer. */
    void save(StateWriter state);

    /** The tokenizer {@link #save} wrote. */
    static Tokenizer load(StateReader state) {
        String type = state.getString("type");
        return switch (type) {
            case ByteTokenizer.TYPE -> new ByteTokenizer();
            case CharTokenizer.TYPE -> CharTokenizer.load(state);
            case BpeTokenizer.TYPE -> BpeTokenizer.load(state);
            default -> throw state.damaged("type", "names an unknown tokenizer '" + type + "'");
        };
    }
}
