package dev.quiver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpiVersionTest {

    @Test
    void theRuntimeVersionIsTheCurrentConstant() {
        assertEquals(CurrentHolder.VALUE, SpiVersion.runtime().toString());
        assertEquals(1, SpiVersion.runtime().major());
    }

    @Test
    void aRuntimeAcceptsItsMajorWithAnOlderOrEqualMinorOnly() {
        SpiVersion runtime = SpiVersion.parse("1.2");
        assertTrue(runtime.accepts(SpiVersion.parse("1.0")));
        assertTrue(runtime.accepts(SpiVersion.parse("1.2")));
        assertFalse(runtime.accepts(SpiVersion.parse("1.3")), "a newer minor may call what this runtime lacks");
        assertFalse(runtime.accepts(SpiVersion.parse("2.0")));
        assertFalse(runtime.accepts(SpiVersion.parse("0.9")));
        assertFalse(SpiVersion.parse("2.0").accepts(SpiVersion.parse("1.9")));
    }

    @Test
    void onlyMajorDotMinorParses() {
        assertEquals(SpiVersion.parse("10.3"), SpiVersion.parse("10.3"));
        assertEquals("10.3", SpiVersion.parse("10.3").toString());
        for (String bad : new String[] {"1", "1.0.0", "v1.0", "1.x", "", " 1.0", "01.0", "1.-1", "99999999999.0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpiVersion.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SpiVersion.parse(null));
    }

    /** What a plugin compiled against this api carries: the constant's value, copied in by javac. */
    private static final class CurrentHolder {
        static final String VALUE = SpiVersion.CURRENT;
    }
}
