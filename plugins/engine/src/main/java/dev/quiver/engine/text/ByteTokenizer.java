package dev.quiver.engine.text;

import dev.quiver.api.state.StateWriter;
import java.nio.charset.StandardCharsets;

/** One token per UTF-8 byte: a fixed vocabulary of 256 that accepts any text. Immutable. */
public final class ByteTokenizer implements Tokenizer {

    static final String TYPE = "byte";

    @Override
    public int vocabSize() {
        return 256;
    }

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xff;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        byte[] bytes = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > 255) {
                throw new IllegalArgumentException("token " + ids[i] + " at " + i + " is not a byte");
            }
            bytes[i] = (byte) ids[i];
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] bytesOf(int id) {
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("token " + id + " is not a byte");
        }
        return new byte[] {(byte) id};
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void save(StateWriter state) {
        state.putString("type", TYPE);
    }
}
