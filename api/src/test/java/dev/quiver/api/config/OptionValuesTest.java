package dev.quiver.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionValuesTest {

    private static String failure(Option<?> option, Object raw) {
        return assertThrows(IllegalArgumentException.class, () -> OptionValues.convert(option, raw))
                .getMessage();
    }

    @Test
    void numbersConvertAcrossYamlNumericTypes() {
        assertEquals(3, OptionValues.convert(Option.integer("n", 1), 3L));
        assertEquals(3, OptionValues.convert(Option.integer("n", 1), 3.0));
        assertEquals(1e-3, OptionValues.convert(Option.real("lr", 0.1), 1e-3));
        assertEquals(2.0, OptionValues.convert(Option.real("lr", 0.1), 2));
        assertEquals(5L, OptionValues.convert(Option.longInteger("rows", 1), BigInteger.valueOf(5)));
    }

    @Test
    void aLongKeepsEveryDigitPastDoublePrecision() {
        long pastDoublePrecision = 9_007_199_254_740_993L; // 2^53 + 1: a double rounds it to 2^53
        assertEquals(pastDoublePrecision, OptionValues.convert(Option.longInteger("seed", 1), pastDoublePrecision));
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhatCame() {
        assertEquals("expected a number, got 'fast'", failure(Option.real("lr", 0.1), "fast"));
        assertEquals("expected a whole number, got 2.5", failure(Option.integer("epochs", 1), 2.5));
        assertEquals("expected true or false, got 'yes'", failure(Option.bool("shuffle", true), "yes"));
        assertEquals("expected a single value, got a list", failure(Option.string("path", ""), List.of("a")));
        assertTrue(failure(Option.section("schema"), "x").startsWith("expected a mapping"));
    }

    @Test
    void rangesAreCheckedWithTheBoundInTheMessage() {
        Option<Double> lr = Option.real("lr", 0.1).atLeast(0);
        assertEquals(0.0, OptionValues.convert(lr, 0.0));
        assertEquals("must be >= 0, got -1.0", failure(lr, -1.0));
        Option<Double> beta = Option.real("beta", 0.9).atLeast(0).below(1);
        assertEquals("must be in [0, 1), got 1.0", failure(beta, 1.0));
        Option<List<Double>> betas =
                Option.reals("betas", List.of(0.9, 0.999)).atLeast(0).below(1);
        assertEquals("must be in [0, 1), got 1.5", failure(betas, List.of(0.9, 1.5)));
        assertEquals("must be > 0, got 0", failure(Option.integer("batch", 1).above(0), 0));
    }

    @Test
    void choicesSuggestTheIntendedValue() {
        Option<String> solver = Option.choice("solver", "least-squares", "least-squares", "gd");
        assertEquals("gd", OptionValues.convert(solver, "gd"));
        assertEquals(
                "'least-square' is not one of [least-squares, gd]; did you mean 'least-squares'?",
                failure(solver, "least-square"));
    }

    @Test
    void aScalarIsAOneElementListAndListsKeepTheirOrder() {
        assertEquals(List.of("area"), OptionValues.convert(Option.strings("features", List.of()), "area"));
        assertEquals(List.of(64, 32), OptionValues.convert(Option.integers("hidden", List.of()), List.of(64, 32)));
        assertEquals("expected a list, got a mapping", failure(Option.strings("features", List.of()), Map.of("a", 1)));
    }

    @Test
    void anyPassesTheValueThroughUntouched() {
        Map<String, Object> tree = Map.of("class", "org.example.Thing", "n", 3);
        assertEquals(tree, OptionValues.convert(Option.any("options"), tree));
    }
}
