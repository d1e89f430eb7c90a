package dev.quiver.engine.models;

import static dev.quiver.engine.models.Fits.saved;
import static dev.quiver.engine.models.Fits.trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.engine.testdata.MemoryData;
import dev.quiver.engine.train.TrainingLoop;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TestFitContext;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whole fits of the linear models on the fused step against the same fits through the autograd graph
 * ({@code -Dquiver.fusedLinear=false}), with the options that act around the step: weight decay, clipping,
 * schedules, early stopping with restoreBest, validation, class and positive weights, label smoothing, batches
 * that leave a short last one. The fused step runs the graph's kernels in the graph's order, so the saved models
 * must be identical bit for bit (any tolerance would hide a change of arithmetic), every epoch's losses too, and
 * a second fused run with the same seed must repeat the first.
 */
@ExtendWith(LeakCheckExtension.class)
class FusedLinearRunsTest {

    private static MemoryData iris() {
        MemoryData iris = MemoryData.csv(Datasets.path(Datasets.IRIS), true);
        double[][] m = iris.moments();
        return iris.standardized(m[0], m[1]);
    }

    /** 300 rows of 6 features, a noisy linear boundary; validation on 100 more. */
    private static MemoryData binary() {
        Random random = new Random(3);
        double[] w = {1.5, -2, 0.5, 0, 1, -0.7};
        double[][] x = new double[400][w.length];
        long[] y = new long[400];
        for (int i = 0; i < x.length; i++) {
            double z = 0.3 * random.nextGaussian();
            for (int j = 0; j < w.length; j++) {
                x[i][j] = random.nextGaussian();
                z += w[j] * x[i][j];
            }
            y[i] = z > 0.4 ? 1 : 0;
        }
        List<String> names = List.of("a", "b", "c", "d", "e", "f");
        int[] train = java.util.stream.IntStream.range(0, 300).toArray();
        int[] validation = java.util.stream.IntStream.range(300, 400).toArray();
        MemoryData all = MemoryData.classes(names, x, y);
        return all.slice(train).withValidation(all.slice(validation));
    }

    private static MemoryData houses() {
        MemoryData houses = MemoryData.csv(Datasets.path(Datasets.HOUSE_PRICES), false);
        double[][] m = houses.moments();
        return houses.standardized(m[0], m[1]);
    }

    private record Case(
            String name,
            ModelFactory factory,
            Map<String, Object> model,
            Map<String, Object> training,
            Supplier<MemoryData> data) {}

    private static final List<Case> CASES = List.of(
            new Case(
                    "logistic, binary, bce posWeight, adam weightDecay, clip maxNorm, cosine, early stopping",
                    new LogisticRegressionFactory(),
                    Map.of("init", "xavier"),
                    Map.of(
                            "epochs", 30,
                            "batchSize", 32,
                            "loss", Map.of("type", "bce", "posWeight", List.of(2.0)),
                            "optimizer", Map.of("type", "adam", "lr", 0.05, "weightDecay", 0.01),
                            "clip", Map.of("maxNorm", 0.5),
                            "schedule", Map.of("type", "cosine"),
                            "earlyStopping", Map.of("patience", 2, "restoreBest", true)),
                    FusedLinearRunsTest::binary),
            new Case(
                    "logistic, one-vs-rest on iris, adamw, clip value, step schedule",
                    new LogisticRegressionFactory(),
                    Map.of(),
                    Map.of(
                            "epochs", 15,
                            "batchSize", 16,
                            "optimizer", Map.of("type", "adamw", "lr", 0.02),
                            "clip", Map.of("value", 0.2),
                            "schedule", Map.of("type", "step", "stepSize", 5, "gamma", 0.5)),
                    FusedLinearRunsTest::iris),
            new Case(
                    "softmax on iris, class weights and label smoothing, sgd momentum weightDecay",
                    new SoftmaxRegressionFactory(),
                    Map.of("init", "normal"),
                    Map.of(
                            "epochs",
                            20,
                            "batchSize",
                            7,
                            "loss",
                            Map.of("type", "cross-entropy", "weights", List.of(1.0, 2.0, 0.5), "labelSmoothing", 0.1),
                            "optimizer",
                            Map.of("type", "sgd", "lr", 0.05, "momentum", 0.9, "weightDecay", 0.001)),
                    FusedLinearRunsTest::iris),
            new Case(
                    "linear regression gd, batches of 3, rmsprop",
                    new LinearRegressionFactory(),
                    Map.of("solver", "gd"),
                    Map.of("epochs", 40, "batchSize", 3, "optimizer", Map.of("type", "rmsprop", "lr", 0.01)),
                    FusedLinearRunsTest::houses));

    @Test
    void fusedFitsSaveTheGraphsModelsBitForBitAndRepeatThemselves(BufferAllocator allocator) {
        for (Case c : CASES) {
            Trainer trainer = trainer(c.factory(), c.model(), c.training(), null, null);
            TestFitContext fusedFit = new TestFitContext(allocator, 21);
            Model fused = trainer.fit(c.data().get(), fusedFit);
            TestFitContext graphFit = new TestFitContext(allocator, 21);
            Model graph = throughTheGraph(() -> trainer.fit(c.data().get(), graphFit));
            assertEquals(saved(graph), saved(fused), c.name());
            assertEquals(losses(graphFit.epochs()), losses(fusedFit.epochs()), c.name());
            assertTrue(fusedFit.epochs().size() > 1, c.name());

            Model again = trainer.fit(c.data().get(), new TestFitContext(allocator, 21));
            assertEquals(saved(fused), saved(again), c.name() + ": the same seed again");
            Model other = trainer.fit(c.data().get(), new TestFitContext(allocator, 22));
            assertNotEquals(saved(fused), saved(other), c.name() + ": another seed shuffles differently");
        }
    }

    @Test
    void earlyStoppingStopsAtTheSameEpochOnBothPaths(BufferAllocator allocator) {
        Case c = CASES.get(0);
        Trainer trainer = trainer(c.factory(), c.model(), c.training(), null, null);
        TestFitContext fusedFit = new TestFitContext(allocator, 4);
        trainer.fit(c.data().get(), fusedFit);
        TestFitContext graphFit = new TestFitContext(allocator, 4);
        throughTheGraph(() -> trainer.fit(c.data().get(), graphFit));
        assertTrue(
                fusedFit.epochs().size() < 30,
                "stopped early: " + fusedFit.epochs().size());
        assertEquals(graphFit.epochs().size(), fusedFit.epochs().size());
        assertEquals(graphFit.notes(), fusedFit.notes());
    }

    private static List<List<Double>> losses(List<EpochStats> epochs) {
        return epochs.stream()
                .map(e -> List.of(e.trainLoss(), e.validationLoss(), e.learningRate()))
                .toList();
    }

    /** Runs {@code fit} with {@link TrainingLoop#FUSED} set to false, restoring the property afterwards. */
    private static Model throughTheGraph(java.util.function.Supplier<Model> fit) {
        String before = System.getProperty(TrainingLoop.FUSED);
        System.setProperty(TrainingLoop.FUSED, "false");
        try {
            return fit.get();
        } finally {
            if (before == null) {
                System.clearProperty(TrainingLoop.FUSED);
            } else {
                System.setProperty(TrainingLoop.FUSED, before);
            }
        }
    }
}
