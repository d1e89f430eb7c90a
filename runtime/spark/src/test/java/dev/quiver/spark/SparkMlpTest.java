package dev.quiver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.exec.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's {@code mlp} trained data-parallel on Spark {@code local[2]} against the same pipeline run locally:
 * {@code pipelines/iris.yaml} (4 → 16 relu → 3, Adam lr 0.01, 60 epochs) in full batches on every row, so both
 * runs take the same 60 steps from the same initial weights and may differ only in the order the rows' gradients
 * are summed.
 */
class SparkMlpTest {

    private static final List<String> FULL_BATCH_ALL_ROWS = List.of("split=none", "training.batchSize=full");

    @TempDir
    Path temp;

    private static Map<String, Object> parameters(RunResult run) {
        return run.fitted().model().describe();
    }

    @Test
    void fullBatchIrisMlpOnSparkEqualsTheLocalRun() throws IOException {
        RunResult local =
                ExampleRuns.run(ExampleRuns.copy(temp, "iris.yaml", "iris.csv", "local", ""), FULL_BATCH_ALL_ROWS);
        List<String> notes = new ArrayList<>();
        RunResult spark = ExampleRuns.run(
                ExampleRuns.copy(temp, "iris.yaml", "iris.csv", "spark", ExampleRuns.SPARK),
                FULL_BATCH_ALL_ROWS,
                notes);
        assertTrue(notes.contains("train accuracy, balanced-accuracy aggregated by spark"), notes::toString);
        assertEquals(local.metric("train", "balanced-accuracy"), spark.metric("train", "balanced-accuracy"), 1e-12);
        // The first epoch's loss is that of the initial weights: equal, so the driver drew the engine's ones.
        double first = local.history().get(0).trainLoss();
        assertEquals(first, spark.history().get(0).trainLoss(), 1e-12 * first, "loss of the initial network");
        assertEquals(60, spark.history().size(), "one full-batch step per epoch");
        for (int e = 0; e < local.history().size(); e++) {
            double loss = local.history().get(e).trainLoss();
            assertEquals(loss, spark.history().get(e).trainLoss(), 1e-6 * loss, "loss of epoch " + (e + 1));
        }
        // Tolerance: float32 parameters, and each step's gradient summed in another order (per block in float32,
        // then across partitions in float64), so it differs from the local one by about 1e-7 relative; Adam divides
        // by the gradient's running magnitude, which carries that into the step of a parameter whose gradient is
        // near zero. Measured over the 60 steps: at most 2.8e-6 of |w| + 1e-3; the bar is 1e-5 of it.
        Map<String, Object> expected = parameters(local);
        Map<String, Object> actual = parameters(spark);
        for (String layer : List.of("layer0", "layer1")) {
            double[][] w = (double[][]) expected.get(layer + ".weight");
            double[][] v = (double[][]) actual.get(layer + ".weight");
            assertEquals(layer.equals("layer0") ? 16 : 3, w.length, "4 -> 16 -> 3");
            double[] b = (double[]) expected.get(layer + ".bias");
            double[] c = (double[]) actual.get(layer + ".bias");
            for (int o = 0; o < w.length; o++) {
                assertEquals(b[o], c[o], 1e-5 * (Math.abs(b[o]) + 1e-3), layer + ".bias " + o);
                for (int i = 0; i < w[o].length; i++) {
                    assertEquals(w[o][i], v[o][i], 1e-5 * (Math.abs(w[o][i]) + 1e-3), layer + ".weight " + o + "," + i);
                }
            }
        }
        assertEquals(expected.get("classes"), actual.get("classes"));
        assertEquals(local.metric("train", "accuracy"), spark.metric("train", "accuracy"), 1e-12);
        assertEquals(local.metric("train", "log-loss"), spark.metric("train", "log-loss"), 1e-5);
        assertTrue(spark.metric("train", "accuracy") > 0.9, "trained");
    }

    @Test
    void miniBatchIrisMlpOnSparkConverges() throws IOException {
        // batchSize 16 as iris.yaml says: each of an epoch's ceil(150 / 16) = 10 steps draws its rows in every
        // partition (other rows than the local shuffle's, so the runs agree in outcome, not step by step).
        RunResult spark = ExampleRuns.run(
                ExampleRuns.copy(temp, "iris.yaml", "iris.csv", "minibatch", ExampleRuns.SPARK),
                List.of("split=none", "training.epochs=20"));
        assertEquals(20, spark.history().size(), "one history row per epoch");
        double first = spark.history().get(0).trainLoss();
        double last = spark.history().get(19).trainLoss();
        assertTrue(last < 0.5 * first, () -> "the batch loss fell from " + first + " to " + last);
        assertTrue(spark.metric("train", "accuracy") > 0.9, () -> "accuracy " + spark.metric("train", "accuracy"));
    }

    @Test
    void heldOutRowsFoldsAndTuningAreRefusedBeforeAnyRowIsReadNamingTheirKeys() throws IOException {
        // iris.yaml as written: a 20% test split and 5-fold cross-validation.
        Path iris = ExampleRuns.copy(temp, "iris.yaml", "iris.csv", "folds", ExampleRuns.SPARK);
        List<String> notes = new ArrayList<>();
        QuiverException e = assertThrows(QuiverException.class, () -> ExampleRuns.run(iris, List.of(), notes));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("split.test: 0.2, split.validation.folds: 5: Spark trains"), e::getMessage);
        assertTrue(e.getMessage().contains("set split: none"), e::getMessage);
        assertTrue(notes.isEmpty(), () -> "nothing ran: " + notes);
        Path tuned = ExampleRuns.copy(temp, "digits-tuned-mlp.yaml", "digits.csv", "tune", ExampleRuns.SPARK);
        QuiverException t = assertThrows(QuiverException.class, () -> ExampleRuns.run(tuned, List.of()));
        assertEquals(ErrorCode.CONFIG, t.code());
        assertTrue(t.getMessage().contains("tune: a search is not run on Spark yet"), t::getMessage);
        assertTrue(t.getMessage().contains("split.test: 0.2, split.validation: 0.2"), t::getMessage);
    }

    @Test
    void dropoutIsRefusedBeforeSparkStartsNamingTheKey() throws IOException {
        Path file = ExampleRuns.copy(temp, "iris.yaml", "iris.csv", "dropout", ExampleRuns.SPARK);
        List<String> sets = List.of("split=none", "model.dropout=0.2");
        QuiverException e = assertThrows(QuiverException.class, () -> ExampleRuns.run(file, sets));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("model.dropout: must be 0 on Spark"), e::getMessage);
    }
}
