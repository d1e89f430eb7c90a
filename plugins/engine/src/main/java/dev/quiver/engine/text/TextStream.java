package dev.quiver.engine.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes tokens into text as they come: each token's bytes are appended, and every complete character is
 * released, while the bytes of a character a token left unfinished wait for the next token. A sequence that is
 * not UTF-8 (a model may emit one) becomes U+FFFD, as {@link String#String(byte[], java.nio.charset.Charset)}
 * would make it. One stream per generation; confined to its thread.
 */
public final class TextStream {

    private final Tokenizer tokenizer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(16);

    public TextStream(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The text token {@code id} completes (possibly empty). */
    public String add(int id) {
        byte[] bytes = tokenizer.bytesOf(id);
        if (pending.remaining() < bytes.length) {
            ByteBuffer bigger = ByteBuffer.allocate(pending.position() + bytes.length + 16);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(bytes);
        pending.flip();
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
        decoder.decode(pending, out, false);
        pending.compact();
        out.flip();
        return out.toString();
    }

    /** What is still held back at the end (an unfinished character, as U+FFFD), possibly empty. */
    public String finish() {
        pending.flip();
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 2);
        decoder.decode(pending, out, true);
        decoder.flush(out);
        pending.clear();
        out.flip();
        return out.toString();
    }
}
