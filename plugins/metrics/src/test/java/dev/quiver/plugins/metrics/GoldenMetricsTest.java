package dev.quiver.plugins.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every metric against scikit-learn 1.2's value on the golden cases, to 1e-12. */
class GoldenMetricsTest {

    private static final GoldenCases GOLDEN = GoldenCases.load();

    @TestFactory
    Stream<DynamicTest> everyMetricMatchesScikitLearn() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenCases.Case c : GOLDEN.cases()) {
            for (GoldenCases.Expected expected : c.metrics()) {
                tests.add(DynamicTest.dynamicTest(c.name() + ": " + expected, () -> {
                    Metric metric = Metrics.create(expected.metric(), expected.options());
                    assertTrue(metric.tasks().contains(c.predictions().task()), "tasks() must accept the case");
                    double actual = metric.compute(c.predictions());
                    assertClose(expected.value(), actual, c.name() + " " + expected);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void goldenFileHoldsEveryCase() {
        long classification = GOLDEN.cases().stream()
                .filter(c -> c.predictions().task().isClassification())
                .count();
        long metricLines =
                GOLDEN.cases().stream().mapToLong(c -> c.metrics().size()).sum();
        long clustering = GOLDEN.cases().stream()
                .filter(c -> c.predictions().task() == Task.CLUSTERING)
                .count();
        assertEquals(5, classification, "classification cases");
        assertEquals(5, clustering, "clustering cases");
        assertEquals(3, GOLDEN.cases().size() - classification - clustering, "regression cases");
        assertTrue(metricLines > 150, "expected the full golden file, got " + metricLines + " metric lines");
    }

    @TestFactory
    Stream<DynamicTest> perClassDetailsMatchScikitLearn() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenCases.Case c : GOLDEN.cases()) {
            c.perClass()
                    .forEach((score, values) -> tests.add(DynamicTest.dynamicTest(c.name() + ": " + score, () -> {
                        Map<String, Object> details =
                                Metrics.create(score + "-macro").details(c.predictions());
                        @SuppressWarnings("unchecked")
                        Map<String, Map<String, Object>> perClass =
                                (Map<String, Map<String, Object>>) details.get("perClass");
                        assertEquals(c.predictions().classes(), List.copyOf(perClass.keySet()));
                        for (int k = 0; k < values.length; k++) {
                            String label = c.predictions().classes().get(k);
                            assertClose(values[k], (Double) perClass.get(label).get(score), label);
                        }
                    })));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> confusionMatrixMatchesScikitLearn() {
        return GOLDEN.cases().stream()
                .filter(c -> c.confusion() != null)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Map<String, Object> details =
                            Metrics.create("confusion-matrix").details(c.predictions());
                    assertEquals(c.predictions().classes(), details.get("labels"));
                    @SuppressWarnings("unchecked")
                    List<List<Long>> matrix = (List<List<Long>>) details.get("matrix");
                    for (int a = 0; a < c.confusion().length; a++) {
                        for (int p = 0; p < c.confusion().length; p++) {
                            assertEquals(c.confusion()[a][p], matrix.get(a).get(p), "[" + a + "][" + p + "]");
                        }
                    }
                }));
    }

    static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }
}
