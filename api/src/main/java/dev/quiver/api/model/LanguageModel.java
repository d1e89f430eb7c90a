package dev.quiver.api.model;

import java.util.function.Consumer;

/**
 * A fitted model of task {@link dev.quiver.api.Task#LANGUAGE_MODEL} that also writes text: it owns the tokenizer
 * it was trained with, so it takes and returns text, not token ids. Immutable like every {@link Model}; any
 * thread may call {@link #generate}, and concurrent calls do not share state.
 */
public interface LanguageModel extends Model {

    /**
     * Continues {@code prompt}, handing each piece of text to {@code onText} as soon as its token is drawn (a
     * token that ends inside a multi-byte character is held back until the character is complete), and returns
     * the whole continuation, which equals the concatenation of the pieces.
     *
     * @throws dev.quiver.api.QuiverException ({@link dev.quiver.api.ErrorCode#USAGE}) for a prompt the tokenizer
     *     cannot encode (a character outside a char tokenizer's alphabet) or an empty prompt, naming it
     */
    String generate(String prompt, Generation generation, Consumer<String> onText);

    /** The tokenizer's kind ({@code char}, {@code byte}, {@code bpe}) and vocabulary size, for messages. */
    String tokenizer();
}
