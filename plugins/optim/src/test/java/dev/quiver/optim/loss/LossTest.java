package dev.quiver.optim.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Defaults per task, tasks, options and the errors of the losses. */
class LossTest {

    private static Loss create(String name, MapConfig config) {
        LossFactory factory = Losses.factories().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
        return factory.create(config, new TestContext());
    }

    @Test
    void defaultLossPerTask() {
        assertEquals(new MseLoss(Reduction.MEAN), Losses.forTask(Task.REGRESSION));
        assertEquals(new BceWithLogitsLoss(), Losses.forTask(Task.BINARY));
        assertEquals(new CrossEntropyLoss(), Losses.forTask(Task.MULTICLASS));
        assertThrows(IllegalArgumentException.class, () -> Losses.forTask(Task.CLUSTERING));
    }

    @Test
    void tasksAndTargetKinds() {
        assertEquals(Set.of(Task.REGRESSION), new MseLoss().tasks());
        assertEquals(Set.of(Task.REGRESSION), new MaeLoss().tasks());
        assertEquals(Set.of(Task.REGRESSION), new HuberLoss().tasks());
        assertEquals(Set.of(Task.BINARY), new BceWithLogitsLoss().tasks());
        assertEquals(Set.of(Task.BINARY, Task.MULTICLASS, Task.LANGUAGE_MODEL), new CrossEntropyLoss().tasks());
        assertTrue(new CrossEntropyLoss().classIndexTargets());
        assertFalse(new BceWithLogitsLoss().classIndexTargets());
    }

    @Test
    void factoriesDeclareWhatTheyRead() {
        assertEquals(
                List.of("mse", "mae", "huber", "bce", "cross-entropy"),
                Losses.factories().stream().map(LossFactory::name).toList());
        assertEquals(
                Set.of("reduction", "weights", "labelSmoothing"),
                Losses.factories().get(4).options().stream().map(Option::name).collect(Collectors.toSet()));
        MapConfig config = MapConfig.of("reduction", "sum", "weights", List.of(1.0, 2.0), "labelSmoothing", 0.1);
        assertEquals(
                new CrossEntropyLoss(Reduction.SUM, new double[] {1.0, 2.0}, 0.1), create("cross-entropy", config));
        config.assertNoProblems();
        assertEquals(new HuberLoss(Reduction.SUM, 2.0), create("huber", MapConfig.of("delta", 2, "reduction", "sum")));
        assertEquals(
                new BceWithLogitsLoss(Reduction.MEAN, new double[] {3.0}),
                create("bce", MapConfig.of("posWeight", 3.0)));
    }

    @Test
    void invalidOptionsAreLocatedProblems() {
        MapConfig config = MapConfig.of("reduction", "avg", "labelSmoothing", 1.0, "weights", List.of(1.0, -2.0));
        assertInstanceOf(CrossEntropyLoss.class, create("cross-entropy", config));
        List<String> messages = config.messages();
        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("reduction:") && m.contains("[mean, sum]")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("labelSmoothing:") && m.contains("in [0, 1)")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("weights:") && m.contains(">= 0")));

        MapConfig huber = MapConfig.of("delta", 0.0);
        create("huber", huber);
        assertTrue(
                huber.messages().get(0).contains("must be > 0"),
                huber.messages().toString());

        MapConfig oneWeight = MapConfig.of("weights", List.of(2.0));
        create("cross-entropy", oneWeight);
        assertTrue(
                oneWeight.messages().get(0).contains("one value per class"),
                oneWeight.messages().toString());
    }

    @Test
    void infiniteOptionsAreProblemsNotCrashes() {
        double inf = Double.POSITIVE_INFINITY;
        MapConfig huber = MapConfig.of("delta", inf);
        assertEquals(new HuberLoss(), create("huber", huber));
        MapConfig ce = MapConfig.of("weights", List.of(1.0, inf));
        assertEquals(new CrossEntropyLoss(), create("cross-entropy", ce));
        MapConfig bce = MapConfig.of("posWeight", inf);
        assertEquals(new BceWithLogitsLoss(), create("bce", bce));
        for (MapConfig config : List.of(huber, ce, bce)) {
            assertEquals(1, config.messages().size(), config.messages().toString());
            assertTrue(
                    config.messages().get(0).contains("expected a finite number"),
                    config.messages().toString());
        }
    }

    @Test
    void crossEntropyRejectsTargetsThatAreNotClassIndices() {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        float[] output = {0f, 1f, 2f, 0f, 1f, 2f};
        QuiverException e = assertThrows(
                QuiverException.class, () -> loss.evaluate(output, new float[] {0f, 3f}, 2, 3, new float[6]));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("[0, 3)"), e.getMessage());
        assertThrows(QuiverException.class, () -> loss.evaluate(output, new float[] {0.5f, 1f}, 2, 3, new float[6]));
    }

    @Test
    void shapeMismatchesAreCallerBugs() {
        assertThrows(IllegalArgumentException.class, () -> new MseLoss()
                .evaluate(new float[4], new float[3], 2, 2, new float[4]));
    }

    @Test
    void weightsThatDoNotFitTheDataAreConfigErrors() {
        QuiverException ce =
                assertThrows(QuiverException.class, () -> new CrossEntropyLoss(Reduction.MEAN, new double[] {1, 1}, 0.0)
                        .evaluate(new float[6], new float[2], 2, 3, new float[6]));
        assertEquals(ErrorCode.CONFIG, ce.code());
        assertTrue(ce.getMessage().contains("2 class weights, but the data has 3 classes"), ce.getMessage());
        QuiverException bce =
                assertThrows(QuiverException.class, () -> new BceWithLogitsLoss(Reduction.MEAN, new double[] {1, 2})
                        .evaluate(new float[6], new float[6], 2, 3, new float[6]));
        assertEquals(ErrorCode.CONFIG, bce.code());
    }

    @Test
    void extremeLogitsStayFinite() {
        float[] gradient = new float[2];
        double bce =
                new BceWithLogitsLoss().evaluate(new float[] {1000f, -1000f}, new float[] {0f, 1f}, 2, 1, gradient);
        assertEquals(1000.0, bce, 1e-9);
        assertArrayEquals(new float[] {0.5f, -0.5f}, gradient);
        float[] ceGradient = new float[3];
        double ce =
                new CrossEntropyLoss().evaluate(new float[] {3000f, -3000f, 0f}, new float[] {1f}, 1, 3, ceGradient);
        assertEquals(6000.0, ce, 1e-9);
        assertArrayEquals(new float[] {1f, -1f, 0f}, ceGradient);
    }

    @Test
    void aNaNOutputGivesANaNLossAndGradientSoDivergenceIsSeen() {
        for (Loss loss : List.of(new MseLoss(), new MaeLoss(), new HuberLoss(), new BceWithLogitsLoss())) {
            float[] gradient = new float[2];
            double value = loss.evaluate(new float[] {Float.NaN, 0.5f}, new float[] {1f, 1f}, 2, 1, gradient);
            assertTrue(Double.isNaN(value), loss + " gave " + value);
            assertTrue(Float.isNaN(gradient[0]), loss + " gave gradient " + gradient[0]);
            assertFalse(Float.isNaN(gradient[1]), loss + ": the other row's gradient is unaffected");
        }
        float[] gradient = new float[2];
        double ce = new CrossEntropyLoss().evaluate(new float[] {Float.NaN, 0f}, new float[] {0f}, 1, 2, gradient);
        assertTrue(Double.isNaN(ce) && Float.isNaN(gradient[0]) && Float.isNaN(gradient[1]));
    }

    @Test
    void theMeanOfAnEmptyBatchIsNaNAsInPyTorch() {
        for (Loss loss : List.of(
                new MseLoss(), new MaeLoss(), new HuberLoss(), new BceWithLogitsLoss(), new CrossEntropyLoss())) {
            assertTrue(Double.isNaN(loss.evaluate(new float[0], new float[0], 0, 2, new float[0])), loss.toString());
        }
    }

    @Test
    void gradientIsOverwrittenNotAccumulated() {
        float[] gradient = {100f, 100f};
        new MseLoss().evaluate(new float[] {1f, 2f}, new float[] {1f, 1f}, 2, 1, gradient);
        assertArrayEquals(new float[] {0f, 1f}, gradient);
    }
}
