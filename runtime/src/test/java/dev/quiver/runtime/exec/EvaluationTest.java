package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.transform.Columns;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.internal.Evaluation;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TableData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Which per-row probabilities scoring keeps: all when a metric reads them, else only for a report-sized split. */
@ExtendWith(LeakCheckExtension.class)
class EvaluationTest {

    /** One more row than the report keeps probabilities for. */
    private static final int LARGE = 200_001;

    @TempDir
    Path temp;

    /** Accuracy from predicted classes alone, saying so. */
    private static Named<Metric> accuracy(boolean usesProbabilities) {
        return new Named<>(
                "accuracy",
                new Metric() {
                    @Override
                    public Set<Task> tasks() {
                        return Set.of(Task.BINARY, Task.MULTICLASS);
                    }

                    @Override
                    public boolean higherIsBetter() {
                        return true;
                    }

                    @Override
                    public boolean usesProbabilities() {
                        return usesProbabilities;
                    }

                    @Override
                    public double compute(Predictions p) {
                        int right = 0;
                        for (int r = 0; r < p.size(); r++) {
                            right += p.actual()[r] == p.predicted()[r] ? 1 : 0;
                        }
                        return (double) right / p.size();
                    }
                },
                Map.of());
    }

    private FittedPipeline majorityOfA() {
        TableData small = TableData.builder()
                .doubles("x", 1.0, 2.0, 3.0)
                .strings("y", "a", "a", "b")
                .build();
        return new ExactExecutor()
                .run(
                        TestPipelines.pipeline(
                                small,
                                new Columns(List.of("x"), Optional.of("y")),
                                Task.MULTICLASS,
                                SplitSpec.NONE,
                                List.of(),
                                new Named<>("majority", TestPipelines.majority(), Map.of()),
                                List.of(accuracy(true)),
                                temp.resolve("run"),
                                0),
                        RunOptions.defaults())
                .fitted();
    }

    private static TableData rows(int count) {
        double[] x = new double[count];
        String[] y = new String[count];
        Arrays.fill(x, 1.0);
        Arrays.fill(y, "a");
        y[0] = "b";
        return TableData.builder().doubles("x", x).strings("y", y).build();
    }

    private static Evaluation.Scores score(
            FittedPipeline fitted, int rows, boolean usesProbabilities, BufferAllocator allocator) {
        return Evaluation.score(fitted, rows(rows), List.of(accuracy(usesProbabilities)), allocator, null, n -> {});
    }

    @Test
    void aLargeSplitDropsProbabilitiesNoMetricReadsButKeepsEveryScore(BufferAllocator allocator) {
        FittedPipeline fitted = majorityOfA();
        Evaluation.Scores scores = score(fitted, LARGE, false, allocator);
        assertNull(scores.predictions().probabilities());
        assertEquals(LARGE, scores.predictions().size());
        assertEquals((LARGE - 1.0) / LARGE, scores.values().get("accuracy"), 1e-15);
    }

    @Test
    void probabilitiesAreKeptForAReportSizedSplitOrWhenAMetricReadsThem(BufferAllocator allocator) {
        FittedPipeline fitted = majorityOfA();
        Predictions small = score(fitted, 1000, false, allocator).predictions();
        assertNotNull(small.probabilities(), "kept for the report's curves");
        assertEquals(
                List.of(1.0, 0.0),
                Arrays.stream(small.probabilities()[0]).boxed().toList());
        Predictions read = score(fitted, LARGE, true, allocator).predictions();
        assertNotNull(read.probabilities(), "a metric reads them");
        assertEquals(LARGE, read.probabilities().length);
    }
}
