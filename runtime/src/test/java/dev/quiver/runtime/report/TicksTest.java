package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Axis ticks people can read: round steps, a domain that covers the data, labels without float noise. */
class TicksTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        Ticks t = Ticks.of(0.083, 1.02, 5);
        assertEquals(0.2, t.step(), 1e-15);
        assertEquals(0.0, t.lo(), 1e-15);
        assertEquals(1.2, t.hi(), 1e-12);
        assertEquals(
                "[0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2]",
                Arrays.toString(Arrays.stream(t.values()).mapToObj(t::label).toArray()));
    }

    @Test
    void largeAndNegativeRangesGetGroupedLabelsAndNoMinusZero() {
        Ticks t = Ticks.of(-1234, 5678, 6);
        assertEquals(1000, t.step());
        assertArrayEquals(new double[] {-2000, -1000, 0, 1000, 2000, 3000, 4000, 5000, 6000}, t.values(), 1e-9);
        assertEquals("-2,000", t.label(-2000));
        assertEquals("0", t.label(-1e-13));
    }

    @Test
    void aSingleValueStillGetsARange() {
        Ticks t = Ticks.of(5, 5, 5);
        assertEquals(0.2, t.step(), 1e-15);
        assertEquals(4.4, t.lo(), 1e-12);
        assertEquals(5.6, t.hi(), 1e-12);
    }

    @Test
    void epochsTickOnWholeNumbers() {
        Ticks t = Ticks.integers(1, 3, 2);
        assertEquals(1.0, t.step());
        assertArrayEquals(new double[] {1, 2, 3}, t.values());
        assertEquals("2", t.label(2));
    }
}
