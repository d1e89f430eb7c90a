package dev.quiver.engine.lm;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import java.util.List;

/**
 * {@code source: {type: text, path: corpus.txt, context: 128, tokenizer: {type: bpe, vocabSize: 512}}}: a UTF-8
 * file as rows of {@code context + 1} token ids (columns {@code t0..t<context>}), the windows a language model
 * learns from. The last {@code validation} share of the text is held out by position, and a BPE tokenizer learns
 * its merges from the rest only. Stateless.
 */
public final class TextSourceFactory implements SourceFactory {

    static final Option<String> PATH = Option.string("path", null)
            .required()
            .describe("The UTF-8 text file; a relative path is taken from the pipeline file's folder.");
    static final Option<Integer> CONTEXT = Option.integer("context", 128)
            .atLeast(1)
            .describe("Tokens a model sees at once; each row holds context + 1 tokens (inputs and next tokens).");
    static final Option<Integer> STRIDE = Option.integer("stride", 0)
            .atLeast(0)
            .describe("Tokens between the starts of two windows; 0 = context (every token is predicted once).");
    static final Option<Double> VALIDATION = Option.real("validation", 0.1)
            .atLeast(0)
            .below(1)
            .describe("Share of the text, at its end, held out for validation (0: none).");
    static final Option<Config> TOKENIZER =
            Option.section("tokenizer").describe("{type: char | byte | bpe, vocabSize: N}; default char.");
    static final Option<String> TOKENIZER_TYPE = Option.choice("type", "char", "char", "byte", "bpe")
            .describe("char: one token per character of the file; byte: one per UTF-8 byte (256);"
                    + " bpe: byte-level byte-pair encoding learned from the training text.");
    static final Option<Integer> VOCAB_SIZE = Option.integer("vocabSize", 512)
            .atLeast(256)
            .describe("bpe only: the vocabulary to learn (256 bytes plus merges).");

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String description() {
        return "A UTF-8 text file as windows of token ids for language models (char, byte or BPE tokens).";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PATH, CONTEXT, STRIDE, VALIDATION, TOKENIZER);
    }

    @Override
    public Source create(Config config, PluginContext context) {
        String path = config.get(PATH);
        int window = config.get(CONTEXT);
        int stride = config.get(STRIDE);
        double validation = config.get(VALIDATION);
        String type = "char";
        int vocabSize = 0;
        Config tokenizer = config.get(TOKENIZER);
        if (tokenizer != null) {
            for (String key : tokenizer.keys()) {
                if (!key.equals("type") && !key.equals("vocabSize")) {
                    tokenizer.problem(key, "unknown option '" + key + "' in tokenizer (known: type, vocabSize)");
                }
            }
            type = tokenizer.get(TOKENIZER_TYPE);
            if (tokenizer.has(VOCAB_SIZE.name())) {
                if (!type.equals("bpe")) {
                    tokenizer.problem(
                            VOCAB_SIZE.name(), "vocabSize only applies to type: bpe (char and byte have a fixed one)");
                }
                vocabSize = tokenizer.get(VOCAB_SIZE);
            } else if (type.equals("bpe")) {
                vocabSize = VOCAB_SIZE.defaultValue();
            }
        }
        if (path == null) {
            return null;
        }
        Corpus.Spec spec = new Corpus.Spec(
                context.resolvePath(path), window, stride == 0 ? window : stride, validation, type, vocabSize);
        return new TextSource(new Corpus.Lazy(spec), false);
    }
}
