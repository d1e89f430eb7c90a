package dev.quiver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Plugin;
import dev.quiver.api.Task;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import dev.quiver.testing.TestTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On an embedded {@code local[2]} Spark: the diabetes rows read in 4 splits inside tasks (through the csv plugin),
 * and each distributed fit compared with the local plugin's fit of the same rows.
 */
@ExtendWith(LeakCheckExtension.class)
class SparkTrainingTest {

    private static final String TARGET = "progression";
    private static final List<String> FEATURES = List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");
    /** 442 rows in batches of 50: 9 batches over 4 splits, so the partitions hold unequal row counts. */
    private static final int BATCH = 50;

    private static JavaSparkContext spark;
    private static Path csv;
    private static TableData table;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("quiver-spark-test");
        csv = Datasets.path(Datasets.DIABETES);
        table = TableData.csv(csv);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static JavaRDD<FeatureBlock> blocks() {
        return CsvSplits.read(spark, csv.toString(), BATCH, 4, FEATURES, TARGET);
    }

    @Test
    void distributedStandardizeEqualsTheLocalPlugin(BufferAllocator allocator) {
        JavaRDD<FeatureBlock> blocks = blocks();
        assertEquals(4, blocks.getNumPartitions());
        assertEquals(442L, blocks.map(FeatureBlock::rows).reduce(Integer::sum).longValue());
        Standardization distributed = DistributedStatistics.standardize(blocks, FEATURES.size());
        Map<String, Map<String, Double>> local = LocalReference.standardize(table, FEATURES, TARGET, allocator);
        for (int c = 0; c < FEATURES.size(); c++) {
            Map<String, Double> column = local.get(FEATURES.get(c));
            assertEquals(column.get("mean"), distributed.mean()[c], 1e-12 * Math.abs(column.get("mean")));
            assertEquals(column.get("scale"), distributed.scale()[c], 1e-12 * column.get("scale"));
        }
        // Not trivially 0 and 1: the raw diabetes columns (age ~48, s1 ~189) are far from standard.
        assertTrue(distributed.mean()[4] > 100, () -> "s1 mean " + distributed.mean()[4]);
        blocks.unpersist();
    }

    @Test
    void fullBatchAdamOnSparkEqualsTheLocalEngine(BufferAllocator allocator) {
        Map<String, Map<String, Double>> scaler = LocalReference.standardize(table, FEATURES, TARGET, allocator);
        JavaRDD<FeatureBlock> raw = blocks();
        Standardization standardization = DistributedStatistics.standardize(raw, FEATURES.size());
        JavaRDD<FeatureBlock> blocks = raw.map(standardization::apply).cache();

        int epochs = 100;
        Trainer trainer = LocalReference.make(Plugin::getModelFactories, "linear-regression")
                .create(MapConfig.of("solver", "gd"), new TestContext());
        TrainingSetup setup = TestTraining.setup(
                trainer,
                Task.REGRESSION,
                Map.of("epochs", epochs, "batchSize", "full", "optimizer", Map.of("type", "adam", "lr", 1.0)));
        TestFitContext context = new TestFitContext(allocator, 1, setup);
        Model local = trainer.fit(
                LocalReference.standardized(table, scaler, FEATURES, TARGET).training(TARGET, Task.REGRESSION),
                context);
        double[] localWeight = ((double[][]) local.describe().get("weight"))[0];
        double localBias = ((double[]) local.describe().get("bias"))[0];

        LinearFit distributed =
                DistributedGradientDescent.fit(spark, blocks, FEATURES.size(), "mse", setup.optimizer(), epochs);

        // Same optimizer code, same float32 parameters; only the order of the gradient sums differs.
        assertEquals(localBias, distributed.bias(), 1e-4 * Math.abs(localBias));
        for (int c = 0; c < FEATURES.size(); c++) {
            assertEquals(
                    localWeight[c], distributed.weight()[c], 1e-3 + 1e-4 * Math.abs(localWeight[c]), FEATURES.get(c));
        }
        List<EpochStats> epochsRun = context.epochs();
        assertEquals(epochs, epochsRun.size());
        for (int e = 0; e < epochs; e++) {
            double expected = epochsRun.get(e).trainLoss();
            assertEquals(expected, distributed.losses()[e], 1e-4 * expected, "loss of step " + e);
        }
        assertTrue(distributed.losses()[epochs - 1] < 0.5 * distributed.losses()[0], "training converged");
        blocks.unpersist();
        raw.unpersist();
    }

    @Test
    void leastSquaresFromOneAggregateEqualsTheLocalSolver(BufferAllocator allocator) {
        JavaRDD<FeatureBlock> blocks = blocks();
        LinearFit distributed = DistributedLeastSquares.fit(blocks, FEATURES.size());
        Trainer trainer = LocalReference.make(Plugin::getModelFactories, "linear-regression")
                .create(MapConfig.of(), new TestContext());
        Model local = trainer.fit(table.training(TARGET, Task.REGRESSION), new TestFitContext(allocator, 1));
        double[] localWeight = ((double[][]) local.describe().get("weight"))[0];
        double localBias = ((double[]) local.describe().get("bias"))[0];
        assertEquals(localBias, distributed.bias(), 1e-8 * Math.abs(localBias));
        for (int c = 0; c < FEATURES.size(); c++) {
            assertEquals(localWeight[c], distributed.weight()[c], 1e-8 * Math.abs(localWeight[c]), FEATURES.get(c));
        }
        blocks.unpersist();
    }
}
