package dev.quiver.plugins.io.csv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8CheckTest {

    private static int check(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8Check.firstInvalid(b, 0, b.length);
    }

    @Test
    void acceptsEveryWellFormedLength() {
        byte[] b = "a\u00e9\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, Utf8Check.firstInvalid(b, 0, b.length));
    }

    @Test
    void refusesOverlongSurrogateTruncatedAndOutOfRangeSequencesAtTheirFirstByte() {
        assertEquals(1, check('a', 0xC0, 0xAF)); // overlong '/'
        assertEquals(0, check(0xE0, 0x80, 0xAF)); // overlong 3-byte
        assertEquals(0, check(0xED, 0xA0, 0x80)); // UTF-16 surrogate U+D800
        assertEquals(2, check('x', 'y', 0xE2, 0x82)); // cut off
        assertEquals(0, check(0xF4, 0x90, 0x80, 0x80)); // U+110000
        assertEquals(0, check(0x80)); // lone continuation byte
        assertEquals(1, check('a', 0xE9, 'b')); // Latin-1 'é'
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] b = new byte[random.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            boolean jdk = true;
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b));
            } catch (CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(jdk, Utf8Check.firstInvalid(b, 0, b.length) < 0, java.util.Arrays.toString(b));
        }
    }
}
