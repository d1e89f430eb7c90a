package dev.quiver.plugins.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.plugins.tribuo.internal.Pitfalls;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tribuo 4.3.2's traps: each is refused, warned about or silenced, never passed on silently. */
@ExtendWith(LeakCheckExtension.class)
class PitfallsTest {

    private static final Map<String, Object> ADAM_OPTIONS =
            Map.of("optimiser", Map.of("class", "org.tribuo.math.optimisers.Adam", "initialLearningRate", 0.01));

    @Test
    void adamIsRefusedWithTheReason() {
        MapConfig config = MapConfig.of("trainer", "linear-sgd", "options", ADAM_OPTIONS);
        Trainer trainer = new TribuoModelFactory().create(config, new TestContext());

        assertEquals(
                EnumSet.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                trainer.tasks(),
                "what was meant, so that no task mismatch is added to the real problem");
        assertEquals(
                1, config.problems().size(), "one, though both variants of linear-sgd have it: " + config.messages());
        String message = config.problems().get(0).message();
        assertEquals("options.optimiser", config.problems().get(0).location().keyPath());
        assertTrue(message.contains("multiplies each step by sqrt(v) + epsilon instead of dividing"), message);
        assertTrue(message.contains("acknowledgeAdamBug: true"), message);
    }

    @Test
    void adamNestedDeeperIsFoundToo() {
        MapConfig config = MapConfig.of(
                "trainer",
                "org.tribuo.common.tree.RandomForestTrainer",
                "options",
                Map.of(
                        "numMembers", 2,
                        "combiner", Map.of("class", "org.tribuo.regression.ensemble.AveragingCombiner"),
                        "innerTrainer",
                                Map.of(
                                        "class",
                                        "org.tribuo.regression.rtree.CARTRegressionTrainer",
                                        "fractionFeaturesInSplit",
                                        0.5)));
        new TribuoModelFactory().create(config, new TestContext());
        config.assertNoProblems();

        MapConfig ensemble = MapConfig.of(
                "trainer",
                "linear-sgd",
                "task",
                "regression",
                "options",
                Map.of(
                        "optimiser",
                        Map.of(
                                "class",
                                "org.tribuo.math.optimisers.ParameterAveraging",
                                "optimiser",
                                ADAM_OPTIONS.get("optimiser"))));
        new TribuoModelFactory().create(ensemble, new TestContext());
        assertEquals(
                List.of("options.optimiser.optimiser"),
                ensemble.problems().stream().map(p -> p.location().keyPath()).toList());
    }

    @Test
    void adamTrainsWhenAcknowledgedWithALoudWarning(BufferAllocator allocator) {
        MapConfig config = MapConfig.of("trainer", "linear-sgd", "options", ADAM_OPTIONS, "acknowledgeAdamBug", true);
        TestContext context = new TestContext();
        Trainer trainer = new TribuoModelFactory().create(config, context);

        config.assertNoProblems();
        assertEquals(1, context.warnings().size(), "one warning for both variants: " + context.warnings());
        assertTrue(context.warnings().get(0).startsWith("WARNING: training with Tribuo 4.3.2's Adam"));
        TableData diabetes = SimpleCsv.read(Datasets.path(Datasets.DIABETES)).head(50);
        Fits.fit(trainer, diabetes.training("progression", Task.REGRESSION), allocator, 1L);
    }

    @Test
    void cartRegressionOnManyRowsWarns(BufferAllocator allocator) {
        // A minimum child weight no split can meet keeps the tree a stump, so the fit itself stays quick.
        Trainer cart = Fits.trainer(
                "trainer", "cart", "task", "regression", "options", Map.of("maxDepth", 1, "minChildWeight", 1.0e6));
        Fits.Context context = new Fits.Context(allocator, 1L);
        cart.fit(line(5_001), context);

        assertEquals(1, context.warnings.size());
        assertTrue(context.warnings.get(0).contains("quadratic"), context.warnings.get(0));
        assertTrue(context.warnings.get(0).contains("5001"), context.warnings.get(0));
    }

    @Test
    void onlyCartRegressionAboveTheLimitWarns() {
        Object regression = new org.tribuo.regression.rtree.CARTRegressionTrainer(3);
        Object forest = new org.tribuo.common.tree.RandomForestTrainer<>(
                new org.tribuo.regression.rtree.CARTRegressionTrainer(
                        3, 5f, 0f, 0.5f, new org.tribuo.regression.rtree.impurity.MeanSquaredError(), 1L),
                new org.tribuo.regression.ensemble.AveragingCombiner(),
                2);
        Object classification = new org.tribuo.classification.dtree.CARTClassificationTrainer(3);

        assertTrue(Pitfalls.slowCartRegression(regression, 5_000).isEmpty());
        assertTrue(Pitfalls.slowCartRegression(regression, 5_001).isPresent());
        assertTrue(Pitfalls.slowCartRegression(forest, 20_000).isPresent(), "found inside an ensemble");
        assertTrue(Pitfalls.slowCartRegression(classification, 20_000).isEmpty());
    }

    @Test
    void tribuoStaysQuietUnlessAsked(BufferAllocator allocator) {
        TrainingData iris = SimpleCsv.read(Datasets.path(Datasets.IRIS)).training("species");
        List<LogRecord> records = new ArrayList<>();
        Logger sgd = Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        sgd.addHandler(capture);
        try {
            Fits.fit(Fits.trainer("trainer", "logistic-regression"), iris, allocator, 1L);
            assertEquals(
                    List.of(),
                    records.stream()
                            .filter(r -> r.getLevel().intValue() <= Level.INFO.intValue())
                            .map(LogRecord::getMessage)
                            .toList());

            Fits.fit(
                    Fits.trainer("trainer", "logistic-regression", "options", Map.of("loggingInterval", 100)),
                    iris,
                    allocator,
                    1L);
            assertTrue(
                    records.stream().anyMatch(r -> r.getMessage().startsWith("At iteration")),
                    "asking for a logging interval turns Tribuo's progress log on");
        } finally {
            sgd.removeHandler(capture);
            Logger.getLogger("org.tribuo").setLevel(null);
        }
    }

    @Test
    void ambiguousShortNameTrainsEveryTaskItHasUnlessOneIsChosen() {
        assertEquals(
                EnumSet.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Fits.trainer("trainer", "cart").tasks());
        assertEquals(
                EnumSet.of(Task.REGRESSION),
                Fits.trainer("trainer", "cart", "task", "regression").tasks());
        assertEquals(
                EnumSet.of(Task.CLUSTERING),
                Fits.trainer("trainer", "kmeans", "options", Map.of("centroids", 2))
                        .tasks());
    }

    /** y = 2x + 1 on {@code rows} points, as regression data. */
    private static TrainingData line(int rows) {
        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i;
            y[i] = 2 * i + 1;
        }
        return TableData.builder().doubles("x", x).doubles("y", y).build().training("y");
    }
}
