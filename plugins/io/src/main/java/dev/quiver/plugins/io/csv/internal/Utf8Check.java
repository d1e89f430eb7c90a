package dev.quiver.plugins.io.csv.internal;

/**
 * Whether a cell's bytes are well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
 * The csv source is where text enters Quiver, so it refuses malformed bytes there: decoding them to U+FFFD in one
 * place and comparing raw bytes in another made one-hot report a value as both seen and unseen. Stateless.
 */
final class Utf8Check {

    private Utf8Check() {}

    /** The index of the first byte of the first malformed sequence in {@code b[start, end)}, or -1. */
    static int firstInvalid(byte[] b, int start, int end) {
        int i = start;
        while (i < end) {
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                return i;
            }
            if (end - i < length) {
                return i;
            }
            int code = lead & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = b[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return i;
                }
                code = (code << 6) | (next & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                return i;
            }
            i += length;
        }
        return -1;
    }
}
