package dev.quiver.engine.models;

import static dev.quiver.engine.models.Fits.saved;
import static dev.quiver.engine.models.Fits.trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.engine.testdata.MemoryData;
import dev.quiver.optim.optimizer.Sgd;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryCheckpoints;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Determinism, resumption, early stopping, streaming and the training: section's checks. */
@ExtendWith(LeakCheckExtension.class)
class TrainingBehaviourTest {

    private static final Map<String, Object> MLP = Map.of("hidden", List.of(16, 8), "dropout", 0.2);

    private static MemoryData iris() {
        MemoryData iris = MemoryData.csv(Datasets.path(Datasets.IRIS), true);
        double[][] m = iris.moments();
        return iris.standardized(m[0], m[1]);
    }

    private static Map<String, Object> training(Object... extra) {
        Map<String, Object> t = new java.util.LinkedHashMap<>(
                Map.of("epochs", 6, "batchSize", 16, "schedule", Map.of("type", "step", "stepSize", 2, "gamma", 0.5)));
        for (int i = 0; i < extra.length; i += 2) {
            t.put((String) extra[i], extra[i + 1]);
        }
        return t;
    }

    @Test
    void sameDataAndSeedGiveBitIdenticalParameters(BufferAllocator allocator) {
        Trainer trainer = trainer(new MlpFactory(), MLP, training(), null, null);
        Model a = trainer.fit(iris(), new TestFitContext(allocator, 11));
        Model b = trainer.fit(iris(), new TestFitContext(allocator, 11));
        assertEquals(saved(a), saved(b));
        Model c = trainer.fit(iris(), new TestFitContext(allocator, 12));
        assertNotEquals(saved(a), saved(c), "another seed starts elsewhere");
    }

    @Test
    void resumingFromACheckpointEndsExactlyAsAnUninterruptedRun(BufferAllocator allocator) {
        Trainer trainer = trainer(new MlpFactory(), MLP, training(), null, null);
        Model uninterrupted = trainer.fit(iris(), new TestFitContext(allocator, 5, new MemoryCheckpoints(2)));

        MemoryCheckpoints checkpoints = new MemoryCheckpoints(2);
        TestFitContext killed = new TestFitContext(allocator, 5, checkpoints) {
            @Override
            public void epochEnded(EpochStats stats) {
                if (stats.epoch() == 5) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> trainer.fit(iris(), killed));
        assertEquals(4, checkpoints.latestEpoch());

        TestFitContext resumed = new TestFitContext(allocator, 5, checkpoints);
        Model model = trainer.fit(iris(), resumed);
        assertEquals(
                List.of(5, 6), resumed.epochs().stream().map(EpochStats::epoch).toList());
        assertEquals(saved(uninterrupted), saved(model));
    }

    @Test
    void epochStatsReportLossRowsAndScheduledLearningRate(BufferAllocator allocator) {
        MemoryData[] split = iris().stratifiedSplit(0.2, 1);
        TestFitContext fit = new TestFitContext(allocator, 1);
        trainer(new SoftmaxRegressionFactory(), Map.of(), training(), null, null)
                .fit(split[0].withValidation(split[1]), fit);
        assertEquals(6, fit.epochs().size());
        EpochStats first = fit.epochs().get(0);
        EpochStats last = fit.epochs().get(5);
        assertEquals(120, first.rows());
        assertTrue(last.trainLoss() < first.trainLoss());
        assertTrue(Double.isFinite(last.validationLoss()));
        assertTrue(last.metrics().get("validation_accuracy") > 0.8);
        // step schedule: lr 0.01 halves every 2 epochs; reported after the epoch's scheduler step.
        assertEquals(0.01 * 0.5, fit.epochs().get(1).learningRate(), 1e-12);
        assertEquals(0.01 * 0.125, last.learningRate(), 1e-12);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndKeepsTheBestEpoch(BufferAllocator allocator) {
        MemoryData[] split = iris().stratifiedSplit(0.3, 2);
        // A learning rate far too high makes the validation loss bounce, so the run stops early.
        TestFitContext fit = new TestFitContext(allocator, 1);
        Model model = trainer(
                        new SoftmaxRegressionFactory(),
                        Map.of(),
                        Map.of("epochs", 200, "earlyStopping", Map.of("patience", 3)),
                        null,
                        new Sgd(Sgd.Settings.defaults().withLr(5.0)))
                .fit(split[0].withValidation(split[1]), fit);
        int epochs = fit.epochs().size();
        assertTrue(epochs < 200, "stopped after " + epochs);
        double best = fit.epochs().stream()
                .mapToDouble(EpochStats::validationLoss)
                .min()
                .orElseThrow();
        List<EpochStats> tail = fit.epochs().subList(epochs - 4, epochs);
        assertTrue(tail.stream().skip(1).allMatch(s -> s.validationLoss() >= best));
        assertTrue(model.describe().containsKey("weight"));
    }

    @Test
    void restoreBestEndsWithExactlyTheBestEpochsParameters(BufferAllocator allocator) {
        MemoryData[] split = iris().stratifiedSplit(0.3, 2);
        Sgd sgd = new Sgd(Sgd.Settings.defaults().withLr(5.0));
        TestFitContext fit = new TestFitContext(allocator, 1);
        Model restored = trainer(
                        new SoftmaxRegressionFactory(),
                        Map.of(),
                        Map.of("epochs", 200, "earlyStopping", Map.of("patience", 3)),
                        null,
                        sgd)
                .fit(split[0].withValidation(split[1]), fit);
        double[] losses =
                fit.epochs().stream().mapToDouble(EpochStats::validationLoss).toArray();
        int bestEpoch = 1;
        for (int e = 1; e < losses.length; e++) {
            if (losses[e] < losses[bestEpoch - 1]) {
                bestEpoch = e + 1;
            }
        }
        // patience 3 tolerates three epochs without improvement and stops on the fourth.
        assertEquals(bestEpoch + 4, losses.length, "validation losses " + java.util.Arrays.toString(losses));
        assertEquals(
                List.of(
                        "early stopping after epoch " + losses.length + ": validation_loss has not improved for 4"
                                + " epochs",
                        "kept the parameters of epoch " + bestEpoch + ", the best by validation_loss"),
                fit.notes());

        // Epochs are seeded by their number, so a run cut off at the best epoch must match bit for bit.
        Model replay = trainer(new SoftmaxRegressionFactory(), Map.of(), Map.of("epochs", bestEpoch), null, sgd)
                .fit(split[0].withValidation(split[1]), new TestFitContext(allocator, 1));
        assertEquals(saved(replay), saved(restored));
        Model last = trainer(
                        new SoftmaxRegressionFactory(),
                        Map.of(),
                        Map.of("epochs", 200, "earlyStopping", Map.of("patience", 3, "restoreBest", false)),
                        null,
                        sgd)
                .fit(split[0].withValidation(split[1]), new TestFitContext(allocator, 1));
        assertNotEquals(saved(replay), saved(last), "without restoreBest the last epoch's values stay");
    }

    @Test
    void aLossThatEndsFarAboveItsFirstEpochIsWarnedAboutNamingBothAndASmallerLearningRate(BufferAllocator allocator) {
        MemoryData data =
                MemoryData.regression(List.of("x"), new double[][] {{0}, {1}, {2}, {3}}, new double[] {0, 2, 4, 6});
        TestFitContext wild = new TestFitContext(allocator, 1);
        trainer(
                        new LinearRegressionFactory(),
                        Map.of("solver", "gd"),
                        Map.of("epochs", 5, "batchSize", "full", "optimizer", Map.of("type", "adam", "lr", 1e6)),
                        null,
                        null)
                .fit(data, wild);
        double first = wild.epochs().get(0).trainLoss();
        double last = wild.epochs().get(4).trainLoss();
        assertTrue(Double.isFinite(last) && last > 10 * first, first + " -> " + last);
        assertEquals(1, wild.warnings().size(), wild.warnings()::toString);
        String warning = wild.warnings().get(0);
        assertTrue(
                warning.contains(String.format(java.util.Locale.ROOT, "%.6g", first))
                        && warning.contains(String.format(java.util.Locale.ROOT, "%.6g", last)),
                warning);
        assertTrue(warning.contains("smaller learning rate"), warning);

        TestFitContext calm = new TestFitContext(allocator, 1);
        trainer(
                        new LinearRegressionFactory(),
                        Map.of("solver", "gd"),
                        Map.of("epochs", 5, "batchSize", "full", "optimizer", Map.of("type", "adam", "lr", 0.01)),
                        null,
                        null)
                .fit(data, calm);
        assertEquals(List.of(), calm.warnings());
    }

    @Test
    void monitoringAccuracyOfARegressionIsAConfigErrorNotASilentEarlyStop(BufferAllocator allocator) {
        MemoryData data =
                MemoryData.regression(List.of("x"), new double[][] {{0}, {1}, {2}, {3}}, new double[] {0, 2, 4, 6});
        dev.quiver.api.QuiverException e = assertThrows(dev.quiver.api.QuiverException.class, () -> trainer(
                        new LinearRegressionFactory(),
                        Map.of("solver", "gd"),
                        Map.of("epochs", 50, "earlyStopping", Map.of("monitor", "validation_accuracy")),
                        null,
                        null)
                .fit(data.withValidation(data), new TestFitContext(allocator, 1)));
        assertEquals(dev.quiver.api.ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("monitor validation_loss"), e.getMessage());
    }

    @Test
    void dataTooLargeToShuffleInMemoryIsAConfigErrorBeforeAnythingIsAllocated(BufferAllocator allocator) {
        dev.quiver.engine.testdata.GeneratedData generated =
                new dev.quiver.engine.testdata.GeneratedData(3_000_000_000L, 5000);
        TrainingData huge = new TrainingData() {
            @Override
            public org.apache.arrow.vector.types.pojo.Schema schema() {
                return generated.schema();
            }

            @Override
            public List<String> features() {
                return generated.features();
            }

            @Override
            public java.util.Optional<org.apache.arrow.vector.types.pojo.Field> target() {
                return generated.target();
            }

            @Override
            public dev.quiver.api.Task task() {
                return generated.task();
            }

            @Override
            public List<String> classes() {
                return generated.classes();
            }

            @Override
            public java.util.OptionalLong rows() {
                return java.util.OptionalLong.of(3_000_000_000L); // known up front, as a counted source reports
            }

            @Override
            public dev.quiver.api.data.BatchReader open(BufferAllocator allocator) {
                return generated.open(allocator);
            }

            @Override
            public java.util.Optional<TrainingData> validation() {
                return java.util.Optional.empty();
            }
        };
        dev.quiver.api.QuiverException e = assertThrows(dev.quiver.api.QuiverException.class, () -> trainer(
                        new LogisticRegressionFactory(), Map.of(), Map.of("epochs", 1), null, null)
                .fit(huge, new TestFitContext(allocator, 1)));
        assertEquals(dev.quiver.api.ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("shuffleBuffer"), e.getMessage());
        assertEquals(0, generated.passes.get());
    }

    @Test
    void streamingWithoutShuffleVisitsRowsInStorageOrder(BufferAllocator allocator) {
        // With SGD the visiting order shapes the result: a one-row shuffle buffer preserves the order, so it
        // must match shuffle: false exactly, while a larger buffer reorders.
        MemoryData data = iris().batchSize(13);
        Map<String, Object> model = Map.of();
        Sgd sgd = new Sgd(Sgd.Settings.defaults().withLr(0.05));
        Model ordered = trainer(
                        new SoftmaxRegressionFactory(),
                        model,
                        Map.of("epochs", 3, "batchSize", 10, "shuffle", false),
                        null,
                        sgd)
                .fit(data, new TestFitContext(allocator, 3));
        Model oneRowBuffer = trainer(
                        new SoftmaxRegressionFactory(),
                        model,
                        Map.of("epochs", 3, "batchSize", 10, "shuffleBuffer", 1),
                        null,
                        sgd)
                .fit(data, new TestFitContext(allocator, 3));
        Model buffered = trainer(
                        new SoftmaxRegressionFactory(),
                        model,
                        Map.of("epochs", 3, "batchSize", 10, "shuffleBuffer", 50),
                        null,
                        sgd)
                .fit(data, new TestFitContext(allocator, 3));
        assertEquals(saved(ordered), saved(oneRowBuffer));
        assertNotEquals(saved(ordered), saved(buffered));
    }

    @Test
    void streamingReReadsTheSourceEachEpochInsteadOfHoldingIt(BufferAllocator allocator) {
        // 200k rows that exist only while a batch is being read: a pass per epoch, one batch in memory at a time.
        dev.quiver.engine.testdata.GeneratedData data = new dev.quiver.engine.testdata.GeneratedData(200_000, 5000);
        TestFitContext fit = new TestFitContext(allocator, 1);
        Model model = trainer(
                        new LogisticRegressionFactory(),
                        Map.of(),
                        Map.of("epochs", 2, "batchSize", 256, "shuffleBuffer", 1000),
                        null,
                        null)
                .fit(data, fit);
        assertEquals(2, data.passes.get());
        assertEquals(200_000, fit.epochs().get(1).rows());
        double[] w = ((double[][]) model.describe().get("weight"))[0];
        assertTrue(w[0] > 1 && w[1] > 1 && Math.abs(w[0] - w[1]) < 0.2 * w[0], java.util.Arrays.toString(w));
    }

    @Test
    void trainingSectionMistakesAreLocatedProblems() {
        MapConfig training = new MapConfig(
                "training",
                Map.of(
                        "batchSize",
                        "ful",
                        "epochs",
                        0,
                        "earlyStopping",
                        Map.of("patiense", 3),
                        "clip",
                        Map.of("maxNorm", -1.0)));
        dev.quiver.testing.TestTraining.setup(
                new MlpFactory().create(MapConfig.of(), new TestContext()),
                dev.quiver.api.Task.MULTICLASS,
                training,
                null,
                null);
        List<String> messages = training.messages();
        assertTrue(
                messages.stream().anyMatch(m -> m.startsWith("training.batchSize") && m.contains("'full'")),
                messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("training.epochs")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("did you mean 'patience'")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("training.clip.maxNorm")), messages.toString());
    }

    @Test
    void aCheckpointOfAnotherModelIsAClearError(BufferAllocator allocator) {
        MemoryCheckpoints checkpoints = new MemoryCheckpoints(1);
        trainer(new MlpFactory(), Map.of("hidden", List.of(4)), Map.of("epochs", 1), null, null)
                .fit(iris(), new TestFitContext(allocator, 1, checkpoints));
        dev.quiver.api.QuiverException e = assertThrows(dev.quiver.api.QuiverException.class, () -> trainer(
                        new MlpFactory(), Map.of("hidden", List.of(5)), Map.of("epochs", 2), null, null)
                .fit(iris(), new TestFitContext(allocator, 1, checkpoints)));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void modelOptionMistakesAreLocatedProblems() {
        MapConfig model = MapConfig.of("hidden", List.of(0), "activation", "rleu", "dropout", 1.0);
        new MlpFactory().create(model, new TestContext());
        assertEquals(3, model.problems().size(), model.messages().toString());
        assertTrue(model.messages().stream().anyMatch(m -> m.contains("did you mean 'relu'")));
    }
}
