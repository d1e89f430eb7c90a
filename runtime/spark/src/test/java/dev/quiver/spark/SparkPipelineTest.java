package dev.quiver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.exec.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Example pipelines of {@code pipelines/} run twice from a copy of their file: as written (local), and with only
 * {@code execution: {engine: spark, master: "local[2]"}} added. The Spark run goes through {@code Quiver.run}, the
 * engine found by ServiceLoader, the csv source's byte-range splits read in Spark tasks, and the runtime's own run
 * folder; its model and metrics must equal the local run's within float rounding.
 */
class SparkPipelineTest {

    private static final String SPARK = ExampleRuns.SPARK;

    @TempDir
    Path temp;

    private Path copy(String example, String data, String folder, String extra) throws IOException {
        return ExampleRuns.copy(temp, example, data, folder, extra);
    }

    private static RunResult run(Path file) {
        return ExampleRuns.run(file, List.of());
    }

    private static RunResult run(Path file, List<String> sets) {
        return ExampleRuns.run(file, sets);
    }

    private static double[] weight(RunResult run) {
        return ((double[][]) run.fitted().model().describe().get("weight"))[0];
    }

    private static double bias(RunResult run) {
        return ((double[]) run.fitted().model().describe().get("bias"))[0];
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Double>> scaler(RunResult run) {
        return (Map<String, Map<String, Double>>)
                run.fitted().transforms().get(0).describe().get("columns");
    }

    @Test
    void standardizedFullBatchGradientDescentEqualsTheLocalRun() throws IOException {
        String example = "house-prices-batch.yaml";
        RunResult local = run(copy(example, "house_prices.csv", "local", ""));
        RunResult spark = run(copy(example, "house_prices.csv", "spark", SPARK));

        assertEquals(
                scaler(local).get("area").get("mean"), scaler(spark).get("area").get("mean"), 1e-12, "standardize");
        assertEquals(
                scaler(local).get("area").get("scale"),
                scaler(spark).get("area").get("scale"),
                1e-12);
        // Same optimizer code on float32 parameters; only the order of the gradient sums differs.
        assertEquals(bias(local), bias(spark), 1e-4 * Math.abs(bias(local)));
        assertEquals(weight(local)[0], weight(spark)[0], 1e-4 * Math.abs(weight(local)[0]));
        assertEquals(local.history().size(), spark.history().size(), "one step per epoch");
        for (int e = 0; e < local.history().size(); e++) {
            double expected = local.history().get(e).trainLoss();
            assertEquals(expected, spark.history().get(e).trainLoss(), 1e-4 * expected + 1e-9, "loss of epoch " + e);
        }
        assertEquals(local.metric("train", "r2"), spark.metric("train", "r2"), 1e-6);
        assertEquals(local.metric("train", "mse"), spark.metric("train", "mse"), 1e-4 * local.metric("train", "mse"));
        assertTrue(spark.metric("train", "r2") > 0.99, () -> "converged: r2 " + spark.metric("train", "r2"));
        assertTrue(Files.exists(spark.directory().resolve("model.json")), "the run folder quiver predict reads");
    }

    @Test
    void miniBatchesDrawnInEveryPartitionConvergeToTheLocalRunsFit() throws IOException {
        // batchSize 2 of 5 rows: 3 steps per epoch, each over the rows every partition drew for it. The draws are
        // not the local shuffle's, so the path differs; both must reach the exact line price = area + 50.
        String example = "house-prices-minibatch.yaml";
        RunResult local = run(copy(example, "house_prices.csv", "local", ""));
        RunResult spark = run(copy(example, "house_prices.csv", "spark", SPARK));
        assertEquals(100, spark.history().size(), "one history row per epoch");
        assertTrue(spark.metric("train", "r2") > 0.999, () -> "r2 " + spark.metric("train", "r2"));
        assertEquals(weight(local)[0], weight(spark)[0], 1e-2 * Math.abs(weight(local)[0]));
        assertEquals(bias(local), bias(spark), 1e-2 * Math.abs(bias(local)));
        double first = spark.history().get(0).trainLoss();
        double last = spark.history().get(99).trainLoss();
        assertTrue(last < 1e-3 * first, () -> "the batch loss fell from " + first + " to " + last);
    }

    @Test
    void leastSquaresFromOneAggregateEqualsTheLocalSolver() throws IOException {
        String example = "house-prices.yaml";
        RunResult local = run(copy(example, "house_prices.csv", "local", ""));
        RunResult spark = run(copy(example, "house_prices.csv", "spark", SPARK));
        assertEquals(1.0, weight(spark)[0], 1e-9, "price = 1.0 x area + 50");
        assertEquals(50.0, bias(spark), 1e-7);
        assertEquals(weight(local)[0], weight(spark)[0], 1e-9);
        assertEquals(bias(local), bias(spark), 1e-7);
        assertEquals(local.metric("train", "mse"), spark.metric("train", "mse"), 1e-9);
    }

    /**
     * The same overrides on both runs: every row trains (Spark does not hold out splits yet) in full batches (a
     * mini-batch run draws other rows than the local shuffle, so only full batches can agree step by step).
     */
    private static final List<String> FULL_BATCH_ALL_ROWS = List.of("split=none", "training.batchSize=full");

    private static double[][] weights(RunResult run) {
        return (double[][]) run.fitted().model().describe().get("weight");
    }

    /**
     * What a softmax's biases are compared by: adding one constant to every bias changes no probability, so the
     * gradient along that direction is zero but for rounding, which Adam's per-parameter scaling magnifies (both
     * runs' biases drift by about 0.01 alike); their mean is taken out. One-vs-rest sigmoids have no such direction.
     */
    private static double shift(double[] bias, boolean softmax) {
        return softmax ? java.util.Arrays.stream(bias).average().orElse(0) : 0;
    }

    /** Both runs' weights, biases, losses per epoch, classes and scores agree. */
    private void assertSameClassifier(String example, String data, int outputs, boolean softmax, double accuracyAtLeast)
            throws IOException {
        RunResult local = run(copy(example, data, "local", ""), FULL_BATCH_ALL_ROWS);
        RunResult spark = run(copy(example, data, "spark", SPARK), FULL_BATCH_ALL_ROWS);
        double[][] expected = weights(local);
        double[][] actual = weights(spark);
        assertEquals(outputs, expected.length, "logits");
        assertEquals(expected.length, actual.length);
        double[] expectedBias = (double[]) local.fitted().model().describe().get("bias");
        double[] actualBias = (double[]) spark.fitted().model().describe().get("bias");
        for (int o = 0; o < expected.length; o++) {
            // float32 parameters on both; the gradient sums are only added in another order (and in float64 here).
            assertEquals(
                    expectedBias[o] - shift(expectedBias, softmax),
                    actualBias[o] - shift(actualBias, softmax),
                    softmax ? 2e-3 : 1e-3 * Math.abs(expectedBias[o]) + 1e-4,
                    "bias " + o);
            for (int f = 0; f < expected[o].length; f++) {
                assertEquals(
                        expected[o][f],
                        actual[o][f],
                        1e-3 * Math.abs(expected[o][f]) + 1e-4,
                        "weight of logit " + o + ", feature " + f);
            }
        }
        assertEquals(
                local.fitted().model().describe().get("classes"),
                spark.fitted().model().describe().get("classes"),
                "the same classes, in the same order");
        assertEquals(local.history().size(), spark.history().size());
        for (int e = 0; e < local.history().size(); e++) {
            double loss = local.history().get(e).trainLoss();
            assertEquals(loss, spark.history().get(e).trainLoss(), 1e-4 * loss + 1e-6, "loss of epoch " + e);
        }
        assertEquals(local.metric("train", "accuracy"), spark.metric("train", "accuracy"), 1e-12);
        assertEquals(local.metric("train", "log-loss"), spark.metric("train", "log-loss"), 1e-4);
        assertTrue(
                spark.metric("train", "accuracy") >= accuracyAtLeast,
                () -> "trained: accuracy " + spark.metric("train", "accuracy"));
    }

    @Test
    void softmaxRegressionOnSparkEqualsTheLocalRun() throws IOException {
        assertSameClassifier("iris-softmax.yaml", "iris.csv", 3, true, 0.9);
    }

    @Test
    void oneVsRestLogisticRegressionOnSparkEqualsTheLocalRun() throws IOException {
        assertSameClassifier("wine-logistic.yaml", "wine.csv", 3, false, 0.95);
    }

    @Test
    void softmaxRegressionFromParquetFileSplitsEqualsTheLocalRun() throws IOException {
        assertSameClassifier("iris-parquet.yaml", "iris.parquet", 3, true, 0.9);
    }

    @Test
    void whatSparkCannotRunYetIsOneConfigErrorListingEveryLimit() throws IOException {
        // diabetes-adam: a test split and a cosine schedule, neither on Spark yet.
        Path file = copy("diabetes-adam.yaml", "diabetes.csv", "adam", SPARK);
        QuiverException e = assertThrows(QuiverException.class, () -> run(file));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("execution: spark cannot run this pipeline yet"), e::getMessage);
        assertTrue(e.getMessage().contains("split.test: 0.2: Spark trains on every row"), e::getMessage);
        assertTrue(e.getMessage().contains("training.schedule"), e::getMessage);
    }
}
