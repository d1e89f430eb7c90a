package dev.quiver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.OnInvalid;
import dev.quiver.runtime.exec.PredictionEngine;
import dev.quiver.runtime.exec.PredictionJob;
import dev.quiver.runtime.exec.PredictionSummary;
import dev.quiver.runtime.exec.internal.Engines;
import dev.quiver.testing.LeakCheckExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver predict --engine spark} on {@code local[2]}: a run saved by the local engine predicts an input cut
 * into several splits, each written by its own task; the part files, read in order, must hold exactly the rows and
 * cells local predict writes (bit for bit: the same {@code FittedPipeline.predict} code per row), and the metrics
 * aggregated from the tasks' sums must equal what the metrics plugins compute from all rows at once. Each task's
 * child allocator is closed, leak-checked, before the task returns (a leak fails the job).
 */
@ExtendWith(LeakCheckExtension.class)
class SparkPredictTest {

    private static JavaSparkContext spark;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("quiver-predict-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private FittedPipeline fitted(Path run) {
        try (Quiver quiver = Quiver.create()) {
            return quiver.loadModel(run);
        }
    }

    @Test
    void aRegressionRunPredictsAFolderPartByPartAsLocalPredictAndAggregatesItsMetrics(BufferAllocator allocator)
            throws IOException {
        Path run = ExampleRuns.run(
                        ExampleRuns.copy(temp, "house-prices.yaml", "house_prices.csv", "houses", ""), List.of())
                .directory();
        Path input = Files.createDirectories(temp.resolve("input"));
        PredictFiles.houses(input.resolve("a.csv"), 0, 1200, -1);
        PredictFiles.houses(input.resolve("b.csv"), 1200, 800, -1);
        Files.writeString(input.resolve("_notes.txt"), "not data");
        Path output = temp.resolve("predictions");
        // Found as the command line finds it; with no master it joins this test's running context.
        PredictionEngine engine = Engines.predictor("spark").orElseThrow();
        PredictionSummary done = engine.predict(
                new PredictionJob(run, input, output, "arrow", OnInvalid.ERROR, Map.of("partitions", "4")));

        List<Path> parts = PredictFiles.parts(output);
        assertEquals(4, parts.size(), () -> "two splits per file: " + parts);
        assertEquals(parts.stream().map(Path::toString).toList(), done.files());
        assertEquals("part-00000.arrow", parts.get(0).getFileName().toString());
        assertTrue(Files.exists(output.resolve("_SUCCESS")));
        assertFalse(Files.exists(output.resolve("_temporary")), "the staging folder is gone");
        assertEquals(2000, done.read());
        assertEquals(2000, done.written());

        FittedPipeline fitted = fitted(run);
        List<Map<String, Object>> expected = new ArrayList<>();
        for (String file : List.of("a.csv", "b.csv")) {
            Path local = temp.resolve("local-" + file + ".arrow");
            PredictFiles.predictLocally(fitted, input.resolve(file), local, "arrow", OnInvalid.ERROR, allocator);
            expected.addAll(PredictFiles.rows("arrow", List.of(local), allocator));
        }
        List<Map<String, Object>> actual = PredictFiles.rows("arrow", parts, allocator);
        assertEquals(expected.size(), actual.size());
        for (int r = 0; r < expected.size(); r++) {
            assertEquals(expected.get(r), actual.get(r), "row " + r); // bit for bit: Double.equals
        }

        // The metrics plugins on all 2000 rows at once (one file holding both).
        Path all = PredictFiles.houses(temp.resolve("all.csv"), 0, 2000, -1);
        Map<String, Double> reference =
                PredictFiles.evaluate(fitted, all, List.of("mse", "rmse", "mae", "r2"), allocator);
        assertEquals(reference.keySet(), done.metrics().keySet());
        for (String metric : reference.keySet()) {
            // the same sums, added in another order
            double want = reference.get(metric);
            assertEquals(want, done.metrics().get(metric), 1e-12 * Math.abs(want), metric);
        }
    }

    @Test
    void aClassifierWritesCsvPartsWhoseRowsAreLocalPredictsFile(BufferAllocator allocator) throws IOException {
        Path run = ExampleRuns.run(
                        ExampleRuns.copy(temp, "iris-softmax.yaml", "iris.csv", "iris", ""),
                        List.of("training.epochs=10"))
                .directory();
        Path input = temp.resolve("iris").resolve("data").resolve("iris.csv");
        Path output = temp.resolve("species.csv");
        PredictionSummary done = SparkPredictor.predict(
                spark, new PredictionJob(run, input, output, "csv", OnInvalid.ERROR, Map.of("partitions", "3")));

        List<Path> parts = PredictFiles.parts(output);
        assertEquals(3, parts.size(), parts::toString);
        assertTrue(parts.get(2).getFileName().toString().endsWith(".csv"));
        FittedPipeline fitted = fitted(run);
        Path local = temp.resolve("local.csv");
        PredictFiles.predictLocally(fitted, input, local, "csv", OnInvalid.ERROR, allocator);
        // Local predict's file is the parts' concatenation, each part with the header once.
        List<String> expected = Files.readAllLines(local);
        List<String> concatenated = new ArrayList<>();
        for (Path part : parts) {
            List<String> lines = Files.readAllLines(part);
            assertEquals(expected.get(0), lines.get(0), "header");
            concatenated.addAll(concatenated.isEmpty() ? lines : lines.subList(1, lines.size()));
        }
        assertEquals(expected, concatenated);
        assertEquals(151, expected.size());

        Map<String, Double> reference =
                PredictFiles.evaluate(fitted, input, List.of("accuracy", "balanced-accuracy"), allocator);
        assertEquals(reference, done.metrics(), "counts: exactly");
        assertTrue(done.metrics().get("accuracy") > 0.5, done.metrics()::toString);
    }

    @Test
    void aBadRowFailsTheJobLeavingNoPartFileAndNoSuccess(BufferAllocator allocator) throws IOException {
        Path run = ExampleRuns.run(
                        ExampleRuns.copy(temp, "house-prices.yaml", "house_prices.csv", "houses", ""), List.of())
                .directory();
        Path input = PredictFiles.houses(temp.resolve("bad.csv"), 0, 3000, 2500); // the blank area in the last split
        Path output = temp.resolve("out");
        PredictionJob job = new PredictionJob(run, input, output, "arrow", OnInvalid.ERROR, Map.of("partitions", "4"));
        QuiverException e = assertThrows(QuiverException.class, () -> SparkPredictor.predict(spark, job));
        assertEquals(ErrorCode.DATA, e.code());
        // The same file and line as local predict names (2500 rows after the header: line 2502).
        assertTrue(e.getMessage().startsWith(input + ":2502 column 'area': "), e.getMessage());
        assertFalse(Files.exists(output), "the folder this job made is removed: no part file, no _SUCCESS");

        // An empty folder given by the user stays, empty.
        Files.createDirectories(output);
        assertThrows(QuiverException.class, () -> SparkPredictor.predict(spark, job));
        try (Stream<Path> left = Files.list(output)) {
            assertEquals(List.of(), left.toList());
        }

        // --on-invalid skip leaves the row out, as local predict does.
        PredictionSummary skipped = SparkPredictor.predict(
                spark,
                new PredictionJob(
                        run, input, temp.resolve("skipped"), "arrow", OnInvalid.SKIP, Map.of("partitions", "4")));
        assertEquals(3000, skipped.read());
        assertEquals(2999, skipped.written());
        Path local = temp.resolve("local-skip.arrow");
        PredictFiles.predictLocally(fitted(run), input, local, "arrow", OnInvalid.SKIP, allocator);
        assertEquals(
                PredictFiles.rows("arrow", List.of(local), allocator),
                PredictFiles.rows("arrow", PredictFiles.parts(temp.resolve("skipped")), allocator));
    }

    @Test
    void userMistakesAreRefusedBeforeAnyTaskRuns() throws IOException {
        Path run = ExampleRuns.run(
                        ExampleRuns.copy(temp, "house-prices.yaml", "house_prices.csv", "houses", ""), List.of())
                .directory();
        Path input = PredictFiles.houses(temp.resolve("in.csv"), 0, 10, -1);
        Path full = Files.createDirectories(temp.resolve("full"));
        Files.writeString(full.resolve("mine.txt"), "keep");
        PredictionEngine engine = Engines.predictor("spark").orElseThrow();

        QuiverException notEmpty = assertThrows(
                QuiverException.class,
                () -> SparkPredictor.predict(
                        spark, new PredictionJob(run, input, full, "arrow", OnInvalid.ERROR, Map.of())));
        assertEquals(ErrorCode.USAGE, notEmpty.code());
        assertTrue(notEmpty.getMessage().contains("is not empty (it holds mine.txt)"), notEmpty.getMessage());
        assertEquals("keep", Files.readString(full.resolve("mine.txt")));

        QuiverException master = assertThrows(
                QuiverException.class,
                () -> engine.predict(new PredictionJob(
                        run, input, temp.resolve("o"), "arrow", OnInvalid.ERROR, Map.of("master", "sprak://x"))));
        assertEquals(ErrorCode.USAGE, master.code());
        assertTrue(master.getMessage().contains("'sprak://x' is not a Spark master URL"), master.getMessage());

        QuiverException missing = assertThrows(
                QuiverException.class,
                () -> SparkPredictor.predict(
                        spark,
                        new PredictionJob(
                                run, temp.resolve("nope.csv"), temp.resolve("o"), "arrow", OnInvalid.ERROR, Map.of())));
        assertEquals(ErrorCode.USAGE, missing.code());
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        Path wrong = Files.writeString(temp.resolve("wrong.csv"), "size,price\n1,2\n");
        QuiverException columns = assertThrows(
                QuiverException.class,
                () -> SparkPredictor.predict(
                        spark, new PredictionJob(run, wrong, temp.resolve("o"), "arrow", OnInvalid.ERROR, Map.of())));
        assertTrue(columns.getMessage().toLowerCase(Locale.ROOT).contains("area"), columns.getMessage());
        assertFalse(Files.exists(temp.resolve("o")), "nothing written for refused jobs");
    }
}
