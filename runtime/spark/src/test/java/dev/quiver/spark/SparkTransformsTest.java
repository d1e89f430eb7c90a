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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code impute} and {@code one-hot} fitted on Spark ({@code local[2]}, the csv file read in 4 byte-range splits)
 * against the same pipeline run locally: a file with blank numeric and text cells and a text column, imputed
 * (most frequent colour, mean area and rooms), one-hot encoded (first category dropped), standardized and solved by least squares. Every
 * fitted number must equal the local fit's.
 */
class SparkTransformsTest {

    private static final String[] COLORS = {"red", "green", "blue", "light blue"};
    private static final String SPARK = "execution: {engine: spark, master: \"local[2]\", partitions: 4}\n";

    @TempDir
    Path temp;

    /** 800 rows; about 8% of area, 5% of rooms and 6% of colour cells blank; price linear in all three. */
    private static String csv() {
        Random random = new Random(2026);
        StringBuilder out = new StringBuilder("area,rooms,color,price\n");
        for (int r = 0; r < 800; r++) {
            double area = 40 + 120 * random.nextDouble();
            int rooms = 1 + random.nextInt(6);
            int color = random.nextInt(COLORS.length) % (random.nextInt(5) == 0 ? 1 : COLORS.length);
            double price = 3 * area + 10 * rooms + 25 * color + random.nextGaussian();
            out.append(random.nextInt(100) < 8 ? "" : String.format(Locale.ROOT, "%.3f", area))
                    .append(',')
                    .append(random.nextInt(100) < 5 ? "" : Integer.toString(rooms))
                    .append(',')
                    .append(random.nextInt(100) < 6 ? "" : COLORS[color])
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", price))
                    .append('\n');
        }
        return out.toString();
    }

    private Path pipeline(String folder, String transforms, String extra) throws IOException {
        return pipeline(folder, transforms, "model: {type: linear-regression}\n", extra);
    }

    private Path pipeline(String folder, String transforms, String model, String extra) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(folder).resolve("data"));
        Files.writeString(dir.resolve("homes.csv"), csv());
        Path file = dir.getParent().resolve("homes.yaml");
        Files.writeString(
                file,
                "version: 1\nname: homes\nseed: 7\nsource: {type: csv, path: data/homes.csv}\n"
                        + "columns: {target: price}\nsplit: none\ntransforms:\n" + transforms
                        + model + "evaluate: [r2, mse, rmse, mae, explained-variance]\noutput: {dir: runs}\n"
                        + extra);
        return file;
    }

    private static final String TRANSFORMS = "  - {type: impute, strategy: most-frequent, columns: [color]}\n"
            + "  - {type: impute}\n  - {type: one-hot, dropFirst: true}\n  - {type: standardize}\n";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> described(RunResult run, int transform, String key) {
        return (Map<String, Object>)
                run.fitted().transforms().get(transform).describe().get(key);
    }

    @Test
    void imputeAndOneHotFittedOnFourSplitsEqualTheLocalFit() throws IOException {
        RunResult local = ExampleRuns.run(pipeline("local", TRANSFORMS, ""), List.of());
        List<String> notes = new ArrayList<>();
        RunResult spark = ExampleRuns.run(pipeline("spark", TRANSFORMS, SPARK), List.of(), notes);
        assertTrue(notes.stream().anyMatch(n -> n.matches("Spark: 800 rows in 4 splits")), notes::toString);

        assertEquals(described(local, 0, "fill"), described(spark, 0, "fill"), "the most frequent colour");
        assertEquals("red", described(spark, 0, "fill").get("color"), "red also stands for every 5th row's colour");
        Map<String, Object> means = described(local, 1, "fill");
        assertEquals(
                List.of("area", "rooms"),
                List.copyOf(described(spark, 1, "fill").keySet()));
        for (String column : List.of("area", "rooms")) {
            double expected = (Double) means.get(column);
            assertEquals(expected, (Double) described(spark, 1, "fill").get(column), 1e-12 * expected, column);
        }
        assertEquals(described(local, 2, "categories"), described(spark, 2, "categories"));
        assertEquals(
                List.of("blue", "green", "light blue", "red"),
                described(spark, 2, "categories").get("color"),
                "sorted, as locally");
        Map<String, Object> scaler = described(local, 3, "columns");
        assertEquals(scaler.keySet(), described(spark, 3, "columns").keySet(), "the indicators are standardized too");
        assertEquals(5, scaler.size(), "area, rooms and the indicators but the first");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> expected = (Map<String, Map<String, Double>>) (Map<?, ?>) scaler;
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> actual =
                (Map<String, Map<String, Double>>) (Map<?, ?>) described(spark, 3, "columns");
        for (String column : expected.keySet()) {
            for (String stat : List.of("mean", "scale")) {
                double e = expected.get(column).get(stat);
                assertEquals(e, actual.get(column).get(stat), 1e-12 * Math.abs(e) + 1e-15, column + " " + stat);
            }
        }
        double[] w = ((double[][]) local.fitted().model().describe().get("weight"))[0];
        double[] v = ((double[][]) spark.fitted().model().describe().get("weight"))[0];
        assertEquals(5, v.length);
        for (int f = 0; f < w.length; f++) {
            assertEquals(w[f], v[f], 1e-8 * Math.abs(w[f]) + 1e-9, "weight " + f);
        }
        // Aggregated in the tasks from per-partition sums; explained-variance is the runtime's own scan.
        assertTrue(notes.contains("train mae, mse, r2, rmse aggregated by spark"), notes::toString);
        assertEquals(local.metric("train", "r2"), spark.metric("train", "r2"), 1e-12);
        for (String metric : List.of("mse", "rmse", "mae", "explained-variance")) {
            double e = local.metric("train", metric);
            assertEquals(e, spark.metric("train", metric), 1e-9 * e, metric);
        }
        assertTrue(spark.metric("train", "r2") > 0.9, () -> "r2 " + spark.metric("train", "r2"));
    }

    @Test
    void anExactMedianFromADistributedSortEqualsTheLocalOne() throws IOException {
        String transforms = "  - {type: impute, strategy: most-frequent, columns: [color]}\n"
                + "  - {type: impute, strategy: median}\n  - {type: one-hot, dropFirst: true}\n";
        RunResult local = ExampleRuns.run(pipeline("median-local", transforms, ""), List.of());
        RunResult spark = ExampleRuns.run(pipeline("median-spark", transforms, SPARK), List.of());
        Map<String, Object> medians = described(local, 1, "fill");
        assertEquals(List.of("area", "rooms"), List.copyOf(medians.keySet()));
        assertEquals(medians, described(spark, 1, "fill"), "bit for bit: a median is picked, not summed");
        assertEquals(local.metric("train", "r2"), spark.metric("train", "r2"), 1e-12);
    }

    @Test
    void aRegressionMlpAfterImputeAndOneHotFollowsTheLocalRun() throws IOException {
        String mlp = "model: {type: mlp, hidden: [8], activation: tanh}\n"
                + "training: {optimizer: {type: adam, lr: 0.05}, epochs: 30, batchSize: full, loss: mse}\n";
        RunResult local = ExampleRuns.run(pipeline("mlp-local", TRANSFORMS, mlp, ""), List.of());
        RunResult spark = ExampleRuns.run(pipeline("mlp-spark", TRANSFORMS, mlp, SPARK), List.of());
        assertEquals(30, spark.history().size());
        double first = local.history().get(0).trainLoss();
        assertEquals(first, spark.history().get(0).trainLoss(), 1e-12 * first, "the same initial network");
        for (int e = 0; e < 30; e++) {
            double loss = local.history().get(e).trainLoss();
            assertEquals(loss, spark.history().get(e).trainLoss(), 1e-5 * loss, "loss of epoch " + (e + 1));
        }
        // The price is not scaled, so 30 steps only begin the descent: what matters here is that both runs agree.
        assertTrue(spark.history().get(29).trainLoss() < first, "it descends");
        assertEquals(local.metric("train", "r2"), spark.metric("train", "r2"), 1e-5);
    }

    @Test
    void anImputeOrOneHotAfterTheScalerIsRefusedBeforeSparkStarts() throws IOException {
        Path file = pipeline(
                "refused",
                "  - {type: standardize}\n  - {type: impute, strategy: median}\n  - {type: one-hot}\n",
                SPARK);
        QuiverException e = assertThrows(QuiverException.class, () -> ExampleRuns.run(file, List.of()));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("transform 'impute' after standardize or min-max"), e::getMessage);
    }
}
