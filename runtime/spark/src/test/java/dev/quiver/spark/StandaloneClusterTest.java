package dev.quiver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Plugin;
import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.engine.nn.Activation;
import dev.quiver.engine.nn.Init;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.OnInvalid;
import dev.quiver.runtime.exec.PredictionJob;
import dev.quiver.runtime.exec.PredictionSummary;
import dev.quiver.spark.internal.NetworkTraining;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import dev.quiver.testing.TestTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same fit on a real standalone cluster: a Master and a Worker process on 127.0.0.1, two single-core
 * executors (each its own JVM), the driver in this test's JVM. Asserts that tasks ran in at least two executor
 * processes other than the driver, that training converged, and that its predictions equal the local engine's;
 * then that the engine's mlp, back-propagated in those executors, ends where the local engine's trainer does;
 * and that a saved run predicts on the cluster exactly as local predict does.
 */
@ExtendWith(LeakCheckExtension.class)
class StandaloneClusterTest {

    private static final String TARGET = "progression";

    @TempDir
    Path temp;

    private static final List<String> FEATURES = List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");

    @Test
    void trainsAcrossTwoExecutorProcessesAndPredictsAsTheLocalRun(BufferAllocator allocator) throws Exception {
        Path csv = Datasets.path(Datasets.DIABETES);
        TableData table = TableData.csv(csv);
        int epochs = 100;
        Trainer trainer = LocalReference.make(Plugin::getModelFactories, "linear-regression")
                .create(MapConfig.of("solver", "gd"), new TestContext());
        TrainingSetup setup = TestTraining.setup(
                trainer,
                Task.REGRESSION,
                Map.of("epochs", epochs, "batchSize", "full", "optimizer", Map.of("type", "adam", "lr", 1.0)));
        Map<String, Map<String, Double>> scaler = LocalReference.standardize(table, FEATURES, TARGET, allocator);
        TableData scaled = LocalReference.standardized(table, scaler, FEATURES, TARGET);
        Model local = trainer.fit(scaled.training(TARGET, Task.REGRESSION), new TestFitContext(allocator, 1, setup));
        double[] localWeight = ((double[][]) local.describe().get("weight"))[0];
        double localBias = ((double[]) local.describe().get("bias"))[0];

        try (StandaloneCluster cluster = StandaloneCluster.start(2)) {
            JavaSparkContext spark =
                    new JavaSparkContext(SparkContexts.conf("quiver-cluster-test", cluster.masterUrl(), "127.0.0.1")
                            .set("spark.executor.cores", "1")
                            .set("spark.cores.max", "2")
                            .set("spark.executor.memory", "512m")
                            .set("spark.executor.extraClassPath", cluster.classFolders()));
            try {
                awaitExecutors(spark, 2, cluster);
                JavaRDD<FeatureBlock> raw = CsvSplits.read(spark, csv.toString(), 50, 4, FEATURES, TARGET);
                List<Long> pids = raw.mapPartitions(
                                blocks -> List.of(ProcessHandle.current().pid()).iterator())
                        .distinct()
                        .collect();
                long driver = ProcessHandle.current().pid();
                assertFalse(pids.contains(driver), () -> "a task ran in the driver: " + pids);
                assertTrue(pids.size() >= 2, () -> "tasks ran in " + pids.size() + " executor process(es): " + pids);

                Standardization standardization = DistributedStatistics.standardize(raw, FEATURES.size());
                JavaRDD<FeatureBlock> blocks = raw.map(standardization::apply).cache();
                LinearFit fit = DistributedGradientDescent.fit(
                        spark, blocks, FEATURES.size(), "mse", setup.optimizer(), epochs);
                assertTrue(fit.losses()[epochs - 1] < 0.5 * fit.losses()[0], "training converged");

                // Predictions of every row, by the cluster's fit and by the local model's parameters.
                double[] x = new double[FEATURES.size()];
                FeatureBlock row = new FeatureBlock(1, x.length, x, new double[1]);
                for (int r = 0; r < scaled.rows(); r++) {
                    double expected = localBias;
                    for (int c = 0; c < x.length; c++) {
                        x[c] = scaled.doubles(FEATURES.get(c))[r];
                        expected += localWeight[c] * x[c];
                    }
                    assertEquals(expected, fit.predict(row, 0), 1e-3 + 1e-4 * Math.abs(expected), "row " + r);
                }
                assertMlpMatchesLocal(spark, blocks, scaled, allocator);
                assertPredictsAsLocalPredict(spark, allocator);
            } finally {
                spark.stop();
            }
        }
    }

    /**
     * The engine's mlp (10 -> 8 relu -> 1, 30 full-batch Adam steps) with every step's gradient computed by the
     * engine's own layers in the executors: its parameters equal the local engine trainer's (the same initial
     * network: the trainer's seed and init stream; the gradient sums only added in another order).
     */
    private static void assertMlpMatchesLocal(
            JavaSparkContext spark, JavaRDD<FeatureBlock> blocks, TableData scaled, BufferAllocator allocator) {
        int steps = 30;
        Trainer mlp = LocalReference.make(Plugin::getModelFactories, "mlp")
                .create(MapConfig.of("hidden", List.of(8)), new TestContext());
        TrainingSetup setup = TestTraining.setup(
                mlp,
                Task.REGRESSION,
                Map.of("epochs", steps, "batchSize", "full", "optimizer", Map.of("type", "adam", "lr", 0.05)));
        Model local = mlp.fit(scaled.training(TARGET, Task.REGRESSION), new TestFitContext(allocator, 1, setup));
        Network network = Network.create(
                new int[] {FEATURES.size(), 8, 1}, Activation.RELU, 0f, Init.HE, Init.XAVIER, Rng.derive(1, "init"));
        double[] losses = NetworkTraining.fit(spark, blocks, network, "mse", setup.optimizer(), steps, 1.0, 1L);
        assertTrue(losses[steps - 1] < losses[0], "the mlp descends");
        for (int l = 0; l < 2; l++) {
            double[][] expected = (double[][]) local.describe().get("layer" + l + ".weight");
            double[][] actual = network.layers().get(l).weightByOutput();
            double[] expectedBias = (double[]) local.describe().get("layer" + l + ".bias");
            double[] actualBias = network.layers().get(l).biasValues();
            for (int o = 0; o < expected.length; o++) {
                assertEquals(expectedBias[o], actualBias[o], 1e-5 * (Math.abs(expectedBias[o]) + 1e-3), "bias");
                for (int i = 0; i < expected[o].length; i++) {
                    assertEquals(
                            expected[o][i],
                            actual[o][i],
                            1e-5 * (Math.abs(expected[o][i]) + 1e-3),
                            "layer" + l + ".weight " + o + "," + i);
                }
            }
        }
    }

    /**
     * {@code quiver predict --engine spark}'s Java API on the cluster: a run saved by the local engine predicts a
     * csv in 4 splits, the tasks in at least two executor processes (their executor ids, from a listener), and the
     * part files read in order equal local predict's output bit for bit.
     */
    private void assertPredictsAsLocalPredict(JavaSparkContext spark, BufferAllocator allocator)
            throws IOException, InterruptedException {
        Path run = ExampleRuns.run(
                        ExampleRuns.copy(temp, "house-prices.yaml", "house_prices.csv", "houses", ""), List.of())
                .directory();
        Path input = PredictFiles.houses(temp.resolve("houses.csv"), 0, 4000, -1);
        Set<String> executors = ConcurrentHashMap.newKeySet();
        AtomicInteger tasks = new AtomicInteger();
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                executors.add(end.taskInfo().executorId());
                tasks.incrementAndGet();
            }
        });
        PredictionSummary done = SparkPredictor.predict(
                spark,
                new PredictionJob(
                        run, input, temp.resolve("predictions"), "arrow", OnInvalid.ERROR, Map.of("partitions", "4")));
        assertEquals(4000, done.written());
        long deadline = System.nanoTime() + 30_000_000_000L; // listener events arrive asynchronously
        while (tasks.get() < done.files().size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(executors.size() >= 2 && !executors.contains("driver"), () -> "predict ran in " + executors);

        Path local = temp.resolve("local.arrow");
        FittedPipeline fitted;
        try (Quiver quiver = Quiver.create()) {
            fitted = quiver.loadModel(run);
        }
        PredictFiles.predictLocally(fitted, input, local, "arrow", OnInvalid.ERROR, allocator);
        assertEquals(
                PredictFiles.rows("arrow", List.of(local), allocator),
                PredictFiles.rows("arrow", done.files().stream().map(Path::of).toList(), allocator));
    }

    /** Waits until {@code count} executors (besides the driver) have registered with the driver. */
    private static void awaitExecutors(JavaSparkContext spark, int count, StandaloneCluster cluster)
            throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (spark.sc().getExecutorMemoryStatus().size() < count + 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "only " + (spark.sc().getExecutorMemoryStatus().size() - 1)
                                + " executor(s) registered in 120 s; worker log:\n" + cluster.log("Worker"));
            }
            Thread.sleep(250);
        }
    }
}
