package dev.quiver.optim.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.Golden;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss setting recorded by {@code make_goldens.py}: the value and the gradient with respect to the outputs
 * equal PyTorch's (computed there in float64 from the same float32 inputs).
 */
class LossGoldenTest {

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        return Golden.read("losses.txt").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Golden.Case c) {
        LossFactory factory = Losses.factories().stream()
                .filter(f -> f.name().equals(c.type()))
                .findFirst()
                .orElseThrow();
        MapConfig config = c.factoryConfig();
        Loss loss = factory.create(config, new TestContext());
        config.assertNoProblems();
        int rows = c.integer("shape", 0);
        int width = c.integer("shape", 1);
        float[] output = c.floats("output");
        float[] gradient = new float[output.length];
        double value = loss.evaluate(output, c.floats("target"), rows, width, gradient);

        double expected = c.scalar("loss");
        // both sides accumulate in double: agreement to ~1e-12 relative
        assertEquals(expected, value, 1e-12 * Math.max(1.0, Math.abs(expected)), c.name() + " loss");
        double[] expectedGradient = c.doubles("gradient");
        for (int i = 0; i < gradient.length; i++) {
            // the gradient is stored as float32: half an ulp of rounding
            assertEquals(
                    expectedGradient[i],
                    gradient[i],
                    1e-7 * Math.max(1e-3, Math.abs(expectedGradient[i])),
                    c.name() + " gradient[" + i + "]");
        }
    }
}
