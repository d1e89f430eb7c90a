package dev.quiver.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionTest {

    @Test
    void buildersReturnNewOptionsAndKeepEverythingElse() {
        Option<Double> base = Option.real("lr", 0.001);
        Option<Double> described = base.describe("learning rate").above(0);
        assertEquals("", base.description());
        assertEquals("learning rate", described.description());
        assertEquals(0.001, described.defaultValue());
        assertTrue(described.inRange(1e-9));
        assertFalse(described.inRange(0));
        assertTrue(base.inRange(-5));
    }

    @Test
    void requiredDropsTheDefault() {
        Option<String> path = Option.string("path", "x").required();
        assertTrue(path.isRequired());
        assertNull(path.defaultValue());
    }

    @Test
    void rangeTextReadsLikeMath() {
        assertEquals("", Option.real("x", 0).rangeText());
        assertEquals(">= 0", Option.real("x", 0).atLeast(0).rangeText());
        assertEquals("< 1", Option.real("x", 0).below(1).rangeText());
        assertEquals("in (0, 0.5]", Option.real("x", 0.1).above(0).atMost(0.5).rangeText());
    }
}
