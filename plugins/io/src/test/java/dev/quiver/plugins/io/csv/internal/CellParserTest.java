package dev.quiver.plugins.io.csv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellParserTest {

    private final CellParser parser = new CellParser();

    private boolean parseLong(String s) {
        byte[] b = ("#" + s + "#").getBytes(StandardCharsets.UTF_8); // a slice in the middle, like the tokenizer's
        return parser.parseLong(b, 1, b.length - 1);
    }

    private boolean parseDouble(String s) {
        byte[] b = ("#" + s + "#").getBytes(StandardCharsets.UTF_8);
        return parser.parseDouble(b, 1, b.length - 1);
    }

    private boolean parseBoolean(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parser.parseBoolean(b, 0, b.length);
    }

    @Test
    void readsLongsIncludingTheExtremes() {
        for (String s : new String[] {"0", "-0", "+7", " 42 ", "-9223372036854775808", "9223372036854775807"}) {
            assertTrue(parseLong(s), s);
            assertEquals(Long.parseLong(s.strip()), parser.longValue(), s);
        }
    }

    @Test
    void rejectsWhatIsNotALong() {
        for (String s : new String[] {
            "", " ", "-", "+", "1.0", "1e3", "12a", "9223372036854775808", "-9223372036854775809", "0x10", "1 2"
        }) {
            assertFalse(parseLong(s), s);
        }
    }

    @Test
    void readsTheUsualDecimalFormsAndSpecials() {
        String[] texts = {
            "1",
            "-2.5",
            ".5",
            "5.",
            "1e-3",
            "6.02E+23",
            "  3.25\t",
            "-0.0",
            "0.1",
            "123456789012345678901",
            "1e400",
            "1e-400",
            "2.2250738585072014E-308",
            "4.9e-324"
        };
        for (String s : texts) {
            assertTrue(parseDouble(s), s);
            assertEquals(Double.parseDouble(s.strip()), parser.doubleValue(), s);
        }
        assertTrue(parseDouble("NaN"));
        assertTrue(Double.isNaN(parser.doubleValue()));
        assertTrue(parseDouble("-inf"));
        assertEquals(Double.NEGATIVE_INFINITY, parser.doubleValue());
        assertTrue(parseDouble("Infinity"));
        assertEquals(Double.POSITIVE_INFINITY, parser.doubleValue());
    }

    @Test
    void rejectsJavaOnlyAndMalformedForms() {
        for (String s : new String[] {
            "", ".", "-", "e5", "1e", "1e+", "1.0d", "1f", "0x1p3", "1..2", "1e5.5", "abc", "nanx", "1,5"
        }) {
            assertFalse(parseDouble(s), s);
        }
    }

    /** The fast path must round exactly as the JDK does: compare on many random decimals of every length. */
    @Test
    void agreesWithTheJdkBitForBitOnRandomDecimals() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String s =
                    switch (i % 4) {
                        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                        case 1 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
                        case 2 ->
                            String.format(
                                    java.util.Locale.ROOT,
                                    "%." + random.nextInt(18) + "f",
                                    random.nextGaussian() * 1000);
                        default ->
                            random.nextInt(100_000) + "." + random.nextInt(100_000) + "e" + (random.nextInt(60) - 30);
                    };
            double expected = Double.parseDouble(s);
            assertTrue(parseDouble(s), s);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parser.doubleValue()), s);
        }
    }

    @Test
    void readsBooleansIgnoringCase() {
        assertTrue(parseBoolean("TRUE"));
        assertTrue(parser.booleanValue());
        assertTrue(parseBoolean(" false "));
        assertFalse(parser.booleanValue());
        assertFalse(parseBoolean("yes"));
        assertFalse(parseBoolean("1"));
        assertFalse(parseBoolean("truex"));
    }
}
