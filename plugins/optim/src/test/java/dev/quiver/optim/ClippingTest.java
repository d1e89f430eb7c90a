package dev.quiver.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.model.TrainingOptions;
import dev.quiver.api.optim.ClipByNorm;
import dev.quiver.api.optim.ClipByValue;
import dev.quiver.api.optim.GradientClipping;
import dev.quiver.api.optim.Parameter;
import dev.quiver.testing.MapConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Clipping against {@code clip_grad_norm_} and {@code clip_grad_value_}, and reading {@code clip:}. */
class ClippingTest {

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        return Golden.read("clipping.txt").stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    MapConfig config = c.config();
                    GradientClipping clipping = TrainingOptions.clip(config);
                    config.assertNoProblems();
                    List<Parameter> parameters = List.of(
                            parameter("weight", c.floats("grad.weight")), parameter("bias", c.floats("grad.bias")));
                    clipping.clip(parameters);
                    for (Parameter p : parameters) {
                        float[] expected = c.floats("clipped." + p.name());
                        for (int j = 0; j < expected.length; j++) {
                            assertEquals(
                                    expected[j],
                                    p.gradient()[j],
                                    1e-7 * Math.max(1.0, Math.abs(expected[j])),
                                    c.name() + " " + p.name() + "[" + j + "]");
                        }
                    }
                }));
    }

    private static Parameter parameter(String name, float[] gradient) {
        return new Parameter(name, new float[gradient.length], gradient.clone(), false);
    }

    @Test
    void normIsTheGlobalL2Norm() {
        List<Parameter> parameters = List.of(parameter("a", new float[] {3f}), parameter("b", new float[] {0f, 4f}));
        assertEquals(5.0, ClipByNorm.totalNorm(parameters));
        new ClipByNorm(1.0).clip(parameters);
        assertEquals(1.0, ClipByNorm.totalNorm(parameters), 1e-6);
    }

    @Test
    void valueClippingKeepsNaNVisible() {
        Parameter p = parameter("a", new float[] {Float.NaN, 5f, -5f, 0.1f});
        new ClipByValue(1.0).clip(List.of(p));
        assertArrayEquals(new float[] {Float.NaN, 1f, -1f, 0.1f}, p.gradient());
    }

    @Test
    void readsClipSections() {
        assertEquals(new ClipByNorm(2.0), TrainingOptions.clip(MapConfig.of("maxNorm", 2.0)));
        assertEquals(new ClipByValue(0.5), TrainingOptions.clip(MapConfig.of("value", 0.5)));
        assertSame(GradientClipping.NONE, TrainingOptions.clip(MapConfig.of()));
    }

    @Test
    void mistakesAreLocatedProblems() {
        MapConfig both = MapConfig.of("maxNorm", 1.0, "value", 1.0);
        assertSame(GradientClipping.NONE, TrainingOptions.clip(both));
        assertTrue(both.messages().get(0).startsWith("value:")
                && both.messages().get(0).contains("not both"));

        MapConfig typo = MapConfig.of("max_norm", 1.0);
        TrainingOptions.clip(typo);
        assertTrue(
                typo.messages().get(0).contains("did you mean 'maxNorm'?"),
                typo.messages().toString());

        MapConfig infinite = MapConfig.of("maxNorm", Double.POSITIVE_INFINITY);
        assertEquals(new ClipByNorm(1.0), TrainingOptions.clip(infinite));
        assertTrue(
                infinite.messages().get(0).contains("expected a finite number"),
                infinite.messages().toString());

        MapConfig negative = MapConfig.of("maxNorm", -1.0);
        TrainingOptions.clip(negative);
        assertTrue(
                negative.messages().get(0).contains("must be > 0"),
                negative.messages().toString());
        assertThrows(IllegalArgumentException.class, () -> new ClipByValue(0.0));
    }
}
