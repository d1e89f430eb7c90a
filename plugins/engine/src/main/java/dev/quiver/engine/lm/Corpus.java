package dev.quiver.engine.lm;

import dev.quiver.api.QuiverException;
import dev.quiver.engine.text.BpeTokenizer;
import dev.quiver.engine.text.ByteTokenizer;
import dev.quiver.engine.text.CharTokenizer;
import dev.quiver.engine.text.Tokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A text file read once: checked as UTF-8, cut by position into a training part and the held-out last
 * {@code validation} share (at a character boundary), the tokenizer made (a BPE vocabulary learned from the
 * training part only; a char alphabet of every character of the file), and both parts encoded. Immutable.
 *
 * @param tokenizer the tokenizer of both parts
 * @param train the training part's token ids
 * @param validation the held-out part's token ids (empty with {@code validation: 0})
 */
record Corpus(Tokenizer tokenizer, int[] train, int[] validation) {

    /**
     * What to read and how to cut it.
     *
     * @param context tokens a model sees; a window holds {@code context + 1}
     * @param stride tokens between two window starts
     */
    record Spec(Path path, int context, int stride, double validation, String tokenizer, int vocabSize) {}

    /** A corpus read on first use, then shared; thread-safe. */
    static final class Lazy {
        private final Spec spec;
        private Corpus corpus;

        Lazy(Spec spec) {
            this.spec = spec;
        }

        Spec spec() {
            return spec;
        }

        synchronized Corpus get() {
            if (corpus == null) {
                corpus = read(spec);
            }
            return corpus;
        }
    }

    /** The number of windows of {@code length} tokens, {@code stride} apart, in {@code tokens} tokens. */
    static int windows(int tokens, int length, int stride) {
        return tokens < length ? 0 : (tokens - length) / stride + 1;
    }

    static Corpus read(Spec spec) {
        String file = spec.path().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(spec.path());
        } catch (NoSuchFileException e) {
            throw QuiverException.data(file, 0, null, "file not found");
        } catch (IOException e) {
            throw QuiverException.data(file, 0, null, "cannot read it: " + e.getMessage());
        }
        String text = decode(bytes, file);
        int points = text.codePointCount(0, text.length());
        int heldOut = (int) Math.round(points * spec.validation());
        int cut = text.offsetByCodePoints(0, points - heldOut);
        String trainText = text.substring(0, cut);
        String validationText = text.substring(cut);
        Tokenizer tokenizer =
                switch (spec.tokenizer()) {
                    case "byte" -> new ByteTokenizer();
                    case "bpe" -> BpeTokenizer.train(trainText, spec.vocabSize());
                    // The alphabet is every character of the file, as nanoGPT's: it holds no statistics of the
                    // held-out part (unlike BPE merges), and so the validation part always encodes.
                    default -> CharTokenizer.fit(text);
                };
        int[] train = tokenizer.encode(trainText);
        int[] validation = tokenizer.encode(validationText);
        int length = spec.context() + 1;
        if (train.length < length) {
            throw QuiverException.data(
                    file,
                    0,
                    null,
                    "the training part holds " + train.length + " tokens, fewer than one window of context + 1 = "
                            + length + "; use a smaller context or a longer text");
        }
        if (spec.validation() > 0 && validation.length < length) {
            throw QuiverException.data(
                    file,
                    0,
                    null,
                    "the validation part (the last " + spec.validation() + " of the text) holds " + validation.length
                            + " tokens, fewer than one window of context + 1 = " + length
                            + "; raise validation, lower context, or set validation: 0");
        }
        return new Corpus(tokenizer, train, validation);
    }

    /** The text of {@code bytes}, or a data error naming the byte offset of the first invalid sequence. */
    static String decode(byte[] bytes, String file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw QuiverException.data(
                    file,
                    0,
                    null,
                    "invalid UTF-8 at byte offset " + in.position() + " (" + result.length()
                            + " malformed byte(s)); the text source reads UTF-8 only");
        }
        out.flip();
        String text = out.toString();
        // A byte order mark is not text.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
