package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.transform.Columns;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.exec.internal.CrossValidation;
import dev.quiver.runtime.exec.internal.Folds;
import dev.quiver.runtime.exec.internal.Table;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TableData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** k-fold cross-validation through the executor, with the {@code center} transform and the {@code mean} model. */
@ExtendWith(LeakCheckExtension.class)
class CrossValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FOLDS = 4;
    private static final double[] AREA = {11, 23, 30, 47, 52, 68, 71, 85, 94, 103, 118, 127};
    private static final double[] PRICE = {25, 41, 70, 77, 104, 126, 139, 166, 181, 205, 218, 247};

    private final ExactExecutor executor = new ExactExecutor();

    @TempDir
    Path temp;

    private static TableData houses() {
        return TableData.builder()
                .name("houses")
                .doubles("area", AREA)
                .doubles("price", PRICE)
                .build();
    }

    private static Pipeline pipeline(Path out) {
        return TestPipelines.regression(
                houses(),
                new SplitSpec(0, 0, false, FOLDS),
                List.of(TestPipelines.center()),
                TestPipelines.mean(1),
                out);
    }

    private static double mean(double[] values, int[] rows) {
        double sum = 0;
        for (int r : rows) {
            sum += values[r];
        }
        return sum / rows.length;
    }

    @Test
    void metricsJsonHasEveryFoldThenTheMeanAndStdOfTheHeldOutScores() throws IOException {
        Path out = temp.resolve("run");
        RunResult result = executor.run(pipeline(out), RunOptions.defaults().withThreads(2));

        // with no test fraction the split keeps every row, in order, so the folds index the source's rows
        int[][] held = Folds.assign(AREA.length, FOLDS, 42, null);
        double[] expected = new double[FOLDS];
        JsonNode cv = JSON.readTree(out.resolve(RunBundle.METRICS).toFile()).path("cv");
        assertEquals(FOLDS, cv.path("folds").size());
        for (int f = 0; f < FOLDS; f++) {
            int[] train = Folds.complement(AREA.length, held[f]);
            double prediction = mean(PRICE, train); // the mean model saw the training folds only
            double mse = 0;
            for (int r : held[f]) {
                mse += (PRICE[r] - prediction) * (PRICE[r] - prediction);
            }
            expected[f] = mse / held[f].length;
            JsonNode fold = cv.path("folds").get(f);
            assertEquals(9, fold.path("trainRows").asInt());
            assertEquals(3, fold.path("validationRows").asInt());
            assertEquals(expected[f], fold.path("validation").path("mse").asDouble(), 1e-9, "fold " + f);
            assertTrue(fold.path("train").path("mse").isNumber());
        }
        double meanMse = (expected[0] + expected[1] + expected[2] + expected[3]) / FOLDS;
        double variance = 0;
        for (double e : expected) {
            variance += (e - meanMse) * (e - meanMse);
        }
        assertEquals(meanMse, cv.path("mean").path("mse").asDouble(), 1e-9);
        assertEquals(
                Math.sqrt(variance / FOLDS),
                cv.path("std").path("mse").asDouble(),
                1e-9,
                "population standard deviation, as numpy's std()");
        assertEquals(meanMse, ((Map<?, ?>) ((Map<?, ?>) result.metrics().get("cv")).get("mean")).get("mse"));

        // the saved model is refitted on every training row: it predicts the mean of all prices
        int[] all = Folds.complement(AREA.length, new int[0]);
        double overall = mean(PRICE, all);
        double trainMse = 0;
        for (double p : PRICE) {
            trainMse += (p - overall) * (p - overall);
        }
        assertEquals(trainMse / PRICE.length, result.metric("train", "mse"), 1e-9);
        String report = Files.readString(out.resolve(RunBundle.REPORT));
        assertTrue(report.contains("cv mean") && report.contains("cv std"), "the report's metrics table has the CV");
    }

    @Test
    void everyFoldFitsItsTransformsOnItsTrainingRowsOnly(BufferAllocator allocator) {
        Pipeline pipeline = pipeline(temp.resolve("unused"));
        int[][] held = Folds.assign(AREA.length, FOLDS, 42, null);
        Set<Double> centres = new HashSet<>();
        try (Table rows = Table.read(houses(), allocator, allocator, n -> {})) {
            CrossValidation.Result result = CrossValidation.run(
                    pipeline, rows, null, Task.REGRESSION, List.of(), allocator, 2, RunListener.NONE);
            for (int f = 0; f < FOLDS; f++) {
                double expected = mean(AREA, Folds.complement(AREA.length, held[f]));
                double centre = centreOf(result.folds().get(f), allocator);
                assertEquals(expected, centre, 1e-12, "fold " + f + " centres on its training rows' mean area");
                assertNotEquals(
                        mean(AREA, Folds.complement(AREA.length, new int[0])),
                        centre,
                        "fold " + f + " did not see all rows");
                centres.add(centre);
            }
        }
        assertEquals(FOLDS, centres.size(), "each fold fitted its own statistic");
    }

    /** What the fold's fitted center transform subtracts: applied to area 0, it gives minus its mean. */
    private static double centreOf(CrossValidation.Fold fold, BufferAllocator allocator) {
        try (VectorSchemaRoot zero = TableData.builder()
                        .doubles("area", 0.0)
                        .doubles("price", 0.0)
                        .build()
                        .toRoot(allocator);
                VectorSchemaRoot out = fold.fitted().transforms().get(0).apply(zero, allocator)) {
            FieldVector area = out.getVector("area");
            return -((Float8Vector) area).get(0);
        }
    }

    @Test
    void foldsGiveTheSameResultsOnOneThreadOrMany() throws IOException {
        Path one = temp.resolve("one");
        Path many = temp.resolve("many");
        executor.run(pipeline(one), RunOptions.defaults().withThreads(1));
        executor.run(pipeline(many), RunOptions.defaults().withThreads(FOLDS));
        JsonNode a = JSON.readTree(one.resolve(RunBundle.METRICS).toFile());
        JsonNode b = JSON.readTree(many.resolve(RunBundle.METRICS).toFile());
        assertEquals(a.path("cv"), b.path("cv"));
        assertEquals(a.path("train"), b.path("train"));
        assertEquals(Files.readString(one.resolve(RunBundle.MODEL)), Files.readString(many.resolve(RunBundle.MODEL)));
    }

    @Test
    void aFailingFoldIsNamedAndLeavesNoRun() {
        Path out = temp.resolve("run");
        ScriptedTrainer failing = new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.THROW, 0);
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> executor.run(
                        TestPipelines.regression(houses(), new SplitSpec(0, 0, false, FOLDS), List.of(), failing, out),
                        RunOptions.defaults().withThreads(2)));
        assertEquals(ErrorCode.DATA, e.code(), "the plugin's own error code is kept");
        assertEquals("Cross-validation fold 1 of 4: scripted failure", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void memoryLeftByAFoldIsAnInternalErrorNamingTheFold() {
        ScriptedTrainer leaky = new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.LEAK, 0);
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> executor.run(
                        TestPipelines.regression(
                                houses(), new SplitSpec(0, 0, false, FOLDS), List.of(), leaky, temp.resolve("run")),
                        RunOptions.defaults().withThreads(1)));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("stage 'cv.fold1'"), e.getMessage());
    }

    @Test
    void stratifiedFoldsHoldEveryClassInProportion() {
        // 8 'a' and 4 'b': stratified, every held-out fold is 2 'a' + 1 'b', so the majority model scores 2/3 on each
        TableData data = TableData.builder()
                .name("labels")
                .doubles("x", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0)
                .strings("y", "a", "a", "a", "a", "a", "a", "a", "a", "b", "b", "b", "b")
                .build();
        Pipeline pipeline = TestPipelines.pipeline(
                data,
                new Columns(List.of("x"), Optional.of("y")),
                Task.MULTICLASS,
                new SplitSpec(0, 0, true, FOLDS),
                List.of(),
                new Named<>("majority", TestPipelines.majority(), Map.of()),
                List.of(TestPipelines.accuracy()),
                temp.resolve("run"),
                0);
        RunResult result = executor.run(pipeline, RunOptions.defaults());
        Map<?, ?> cv = (Map<?, ?>) result.metrics().get("cv");
        for (Object fold : (List<?>) cv.get("folds")) {
            assertEquals(2.0 / 3, (Double) ((Map<?, ?>) ((Map<?, ?>) fold).get("validation")).get("accuracy"), 1e-12);
        }
        assertEquals(0.0, (Double) ((Map<?, ?>) cv.get("std")).get("accuracy"), 1e-12);
    }

    @Test
    void noFoldTrainsWithItsHeldOutRowsAsValidationDataAndAWarningIsSaidOnce() {
        // Early stopping or a plateau schedule would pick each fold's model by the rows it is then scored on.
        List<Boolean> sawValidation = new ArrayList<>();
        Trainer mean = TestPipelines.mean(1);
        Trainer recording = new Trainer() {
            @Override
            public Set<Task> tasks() {
                return mean.tasks();
            }

            @Override
            public Model fit(TrainingData data, FitContext context) {
                synchronized (sawValidation) {
                    sawValidation.add(data.validation().isPresent());
                }
                context.warn("the same in every fit");
                return mean.fit(data, context);
            }
        };
        List<String> warnings = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        executor.run(
                TestPipelines.regression(
                        houses(), new SplitSpec(0, 0, false, FOLDS), List.of(), recording, temp.resolve("run")),
                RunOptions.defaults().withThreads(2).withListener(listener));
        assertEquals(FOLDS + 1, sawValidation.size(), "every fold, then the refit");
        assertEquals(List.of(), sawValidation.stream().filter(b -> b).toList());
        assertEquals(
                List.of("the same in every fit", "the same in every fit"),
                warnings,
                "once from the folds, once from the refit");
    }
}
