package dev.quiver.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quiver.testing.MemoryState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exact round trips, saved vocabularies and deterministic BPE training. */
class TokenizersTest {

    private static final Path GPL3 = Path.of("/usr/share/common-licenses/GPL-3");

    /** Random text over ASCII, accented letters, CJK and emoji (surrogate pairs), always valid UTF-16. */
    private static String randomText(Random r, int length) {
        int[] pool = {'a', 'b', ' ', '\n', '=', 'é', 'ß', '中', '文', 0x1F600, 0x1F680, '\t', 'Z'};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(r.nextInt(4) == 0 ? 0x20 + r.nextInt(0x2000) : pool[r.nextInt(pool.length)]);
        }
        return s.toString();
    }

    private static Tokenizer saveAndLoad(Tokenizer t) {
        MemoryState state = new MemoryState();
        t.save(state);
        return Tokenizer.load(state.reader());
    }

    @Test
    void bytesRoundTripAnyText() {
        Random r = new Random(1);
        Tokenizer t = saveAndLoad(new ByteTokenizer());
        for (int k = 0; k < 200; k++) {
            String s = randomText(r, r.nextInt(50));
            assertEquals(s, t.decode(t.encode(s)));
        }
        assertArrayEquals(new int[] {0xc3, 0xa9}, t.encode("é"));
    }

    @Test
    void charsRoundTripTheirAlphabetAndNameAnythingElse() {
        Random r = new Random(2);
        String corpus = randomText(r, 3000);
        Tokenizer t = saveAndLoad(CharTokenizer.fit(corpus));
        assertEquals(corpus.codePoints().distinct().count(), t.vocabSize());
        assertEquals(corpus, t.decode(t.encode(corpus)));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CharTokenizer.fit("abc").encode("abx"));
        assertTrue(e.getMessage().contains("x (U+78) at 2"), e.getMessage());
    }

    @Test
    void bpeRoundTripsRandomTextAfterTrainingOnOther() {
        Random r = new Random(3);
        BpeTokenizer bpe = BpeTokenizer.train(randomText(r, 4000) + "the the the then", 300);
        Tokenizer loaded = saveAndLoad(bpe);
        for (int k = 0; k < 200; k++) {
            String s = randomText(r, r.nextInt(80));
            assertEquals(s, bpe.decode(bpe.encode(s)));
            assertArrayEquals(bpe.encode(s), loaded.encode(s));
        }
    }

    @Test
    void bpeLearnsTheMostFrequentPairsInOrderAndDeterministically() {
        String corpus = "aaabdaaabac";
        BpeTokenizer bpe = BpeTokenizer.train(corpus, 259);
        // the textbook example: aa -> Z, ab -> Y (Zab.. pairs: "ab" and "Za"/"ZY"), then ZY
        assertEquals("aa", new String(bpe.bytesOf(256), StandardCharsets.UTF_8));
        assertEquals(259, bpe.vocabSize());
        assertArrayEquals(bpe.encode(corpus), BpeTokenizer.train(corpus, 259).encode(corpus));
        assertEquals(corpus, bpe.decode(bpe.encode(corpus)));
        assertTrue(bpe.encode(corpus).length < corpus.length());
    }

    @Test
    void bpeOnTheGplCompressesAndRoundTripsExactly() throws IOException {
        assumeTrue(Files.isReadable(GPL3), "needs Debian's common-licenses");
        String gpl = Files.readString(GPL3);
        BpeTokenizer bpe = BpeTokenizer.train(gpl, 512);
        assertEquals(512, bpe.vocabSize());
        int[] ids = bpe.encode(gpl);
        assertEquals(gpl, bpe.decode(ids));
        assertEquals(gpl, saveAndLoad(bpe).decode(ids));
        assertTrue(ids.length < gpl.length() / 2, "512 tokens should at least halve the GPL: " + ids.length);
        assertArrayEquals(ids, BpeTokenizer.train(gpl, 512).encode(gpl));
        Tokenizer chars = saveAndLoad(CharTokenizer.fit(gpl));
        assertEquals(gpl, chars.decode(chars.encode(gpl)));
    }

    @Test
    void damagedVocabulariesAreRefused() {
        MemoryState state = new MemoryState();
        state.putString("type", "bpe").putLongs("left", new long[] {300}).putLongs("right", new long[] {1});
        assertThrows(IllegalStateException.class, () -> Tokenizer.load(state.reader()));
    }
}
