package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every loss plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class HuberConformanceTest extends LossConformance {
 *     protected LossFactory factory() { return new HuberFactory(); }
 * }
 * }</pre>
 *
 * <p>The loss is made from {@link #config()} plus {@code reduction: mean} or {@code sum} and evaluated on a
 * {@value #ROWS} x {@value #WIDTH} batch. The kit checks the gradient against central finite differences of the
 * loss's own value (for both reductions), that {@code sum} is {@code mean} times the number of terms in value
 * and gradient, that the gradient is overwritten rather than accumulated, that {@code evaluate} reads but never
 * writes its inputs, that evaluating from four threads at once gives the same answers, and that an unknown
 * reduction is a config problem naming {@code reduction}. A loss without a {@code reduction} option declares it
 * by leaving {@link LossCapability#REDUCTION} out of {@link #capabilities()}; the kit then checks that it does
 * not declare the option either, so that the runtime rejects {@code reduction:} as an unknown key.
 *
 * <p>Outputs lie on a grid of 2^-8 and regression targets half-way between grid points, so that the step
 * {@code h = 2^-12} is exact in float32 and never crosses the kink of an absolute value.
 */
public abstract class LossConformance {

    /** Rows of the kit's batch. */
    protected static final int ROWS = 6;
    /** Outputs per row of the kit's batch (logits per row for the classification losses). */
    protected static final int WIDTH = 3;

    private static final float H = 1f / 4096f;

    /** The factory under test. */
    protected abstract LossFactory factory();

    /** The loss's own options, besides {@code reduction} (none by default). */
    protected Map<String, Object> config() {
        return Map.of();
    }

    /** What the loss supports; the kit tests the rest as unsupported. */
    protected List<LossCapability> capabilities() {
        return List.of(LossCapability.REDUCTION);
    }

    /**
     * Targets for the kit's batch: class indices when the loss takes them, probabilities in [0, 1] for a
     * classification loss on values, otherwise real values off the outputs' grid.
     */
    protected float[] targets(Loss loss, Random random) {
        if (loss.classIndexTargets()) {
            float[] target = new float[ROWS];
            for (int i = 0; i < ROWS; i++) {
                target[i] = i % WIDTH;
            }
            return target;
        }
        float[] target = new float[ROWS * WIDTH];
        boolean classification = !loss.tasks().contains(Task.REGRESSION);
        for (int i = 0; i < target.length; i++) {
            target[i] = classification ? random.nextInt(5) / 4f : (random.nextInt(1024) - 512) / 256f + 1f / 512f;
        }
        return target;
    }

    /** How many terms {@code mean} divides by: one per target value. */
    protected int terms(Loss loss) {
        return loss.classIndexTargets() ? ROWS : ROWS * WIDTH;
    }

    private boolean supports(LossCapability capability) {
        return capabilities().contains(capability);
    }

    /** The loss made from {@link #config()} with {@code extra} options added; fails on any config problem. */
    protected final Loss create(Object... extra) {
        Map<String, Object> values = new java.util.LinkedHashMap<>(config());
        for (int i = 0; i < extra.length; i += 2) {
            values.put((String) extra[i], extra[i + 1]);
        }
        MapConfig config = new MapConfig("training.loss", values);
        Loss loss = factory().create(config, new TestContext());
        config.assertNoProblems();
        return loss;
    }

    private List<Loss> reductions() {
        return supports(LossCapability.REDUCTION)
                ? List.of(create("reduction", "mean"), create("reduction", "sum"))
                : List.of(create());
    }

    private static float[] outputs(Random random) {
        float[] output = new float[ROWS * WIDTH];
        for (int i = 0; i < output.length; i++) {
            output[i] = (random.nextInt(1024) - 512) / 256f;
        }
        return output;
    }

    @Test
    void declaresTasksAndANameAndADescription() {
        Loss loss = create();
        assertFalse(loss.tasks().isEmpty(), "a loss must name the tasks it makes sense for");
        assertTrue(
                factory().name().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"),
                "name " + factory().name());
        assertFalse(factory().description().isBlank(), "quiver plugins shows the description");
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (Loss loss : reductions()) {
            Random random = new Random(17);
            float[] output = outputs(random);
            float[] target = targets(loss, random);
            float[] gradient = new float[output.length];
            loss.evaluate(output, target, ROWS, WIDTH, gradient);
            float[] scratch = new float[output.length];
            for (int i = 0; i < output.length; i++) {
                float original = output[i];
                output[i] = original + H;
                double up = loss.evaluate(output, target, ROWS, WIDTH, scratch);
                output[i] = original - H;
                double down = loss.evaluate(output, target, ROWS, WIDTH, scratch);
                output[i] = original;
                double numeric = (up - down) / (2.0 * H);
                assertEquals(
                        numeric,
                        gradient[i],
                        1e-5 * Math.max(1.0, Math.abs(numeric)),
                        loss + ": d loss / d output[" + i + "] against central finite differences");
            }
        }
    }

    @Test
    void sumIsMeanTimesTheNumberOfTerms() {
        if (!supports(LossCapability.REDUCTION)) {
            assertFalse(
                    factory().options().stream().map(Option::name).anyMatch("reduction"::equals),
                    "a loss without the REDUCTION capability must not declare a reduction option");
            return;
        }
        Loss mean = create("reduction", "mean");
        Loss sum = create("reduction", "sum");
        Random random = new Random(5);
        float[] output = outputs(random);
        float[] target = targets(mean, random);
        float[] meanGradient = new float[output.length];
        float[] sumGradient = new float[output.length];
        double meanValue = mean.evaluate(output, target, ROWS, WIDTH, meanGradient);
        double sumValue = sum.evaluate(output, target, ROWS, WIDTH, sumGradient);
        int n = terms(mean);
        assertEquals(meanValue * n, sumValue, 1e-5 * Math.max(1.0, Math.abs(sumValue)), "sum = mean x " + n);
        for (int i = 0; i < output.length; i++) {
            assertEquals(
                    meanGradient[i] * n, sumGradient[i], 1e-5 * Math.max(1.0, Math.abs(sumGradient[i])), "grad " + i);
        }
    }

    @Test
    void anUnknownReductionIsAProblemNamingTheKey() {
        Map<String, Object> values = new java.util.LinkedHashMap<>(config());
        values.put("reduction", "median");
        MapConfig config = new MapConfig("training.loss", values);
        factory().create(config, new TestContext());
        if (supports(LossCapability.REDUCTION)) {
            assertTrue(
                    config.messages().stream().anyMatch(m -> m.contains("reduction") && m.contains("median")),
                    "expected a problem naming reduction and the bad value, got " + config.messages());
        } else {
            assertFalse(factory().options().stream().map(Option::name).anyMatch("reduction"::equals));
        }
    }

    @Test
    void gradientIsOverwrittenNotAccumulated() {
        for (Loss loss : reductions()) {
            Random random = new Random(3);
            float[] output = outputs(random);
            float[] target = targets(loss, random);
            float[] clean = new float[output.length];
            float[] dirty = new float[output.length];
            java.util.Arrays.fill(dirty, 123.5f);
            double a = loss.evaluate(output, target, ROWS, WIDTH, clean);
            double b = loss.evaluate(output, target, ROWS, WIDTH, dirty);
            assertEquals(a, b, loss + ": the value must not depend on the gradient array's old contents");
            assertArrayEquals(clean, dirty, loss + ": evaluate must overwrite the gradient, not add to it");
        }
    }

    @Test
    void readsButNeverWritesItsInputs() {
        for (Loss loss : reductions()) {
            Random random = new Random(11);
            float[] output = outputs(random);
            float[] target = targets(loss, random);
            float[] outputBefore = output.clone();
            float[] targetBefore = target.clone();
            double value = loss.evaluate(output, target, ROWS, WIDTH, new float[output.length]);
            assertTrue(Double.isFinite(value), loss + ": loss " + value);
            assertArrayEquals(outputBefore, output, loss + ": evaluate must not write the outputs");
            assertArrayEquals(targetBefore, target, loss + ": evaluate must not write the targets");
        }
    }

    @Test
    void isSafeToEvaluateFromFourThreads() throws Exception {
        Loss loss = create();
        Random random = new Random(23);
        float[] output = outputs(random);
        float[] target = targets(loss, random);
        float[] expectedGradient = new float[output.length];
        double expected = loss.evaluate(output, target, ROWS, WIDTH, expectedGradient);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int task = 0; task < 200; task++) {
                results.add(pool.submit(() -> {
                    float[] gradient = new float[output.length];
                    double value = loss.evaluate(output, target, ROWS, WIDTH, gradient);
                    assertEquals(expected, value);
                    return gradient;
                }));
            }
            for (Future<float[]> result : results) {
                assertArrayEquals(expectedGradient, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
