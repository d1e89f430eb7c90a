package dev.quiver.plugins.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.metric.Predictions;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What scikit-learn does not define, or defines only with a warning: empty input, missing parts, bad indices. */
class EdgeCasesTest {

    private static final List<String> BINARY = List.of("no", "yes");
    private static final double[] NONE = new double[0];

    @Test
    void everyMetricIsNaNForNoRows() {
        Predictions emptyBinary = new Predictions(Task.BINARY, BINARY, NONE, NONE, new double[0][]);
        Predictions emptyRegression = new Predictions(Task.REGRESSION, List.of(), NONE, NONE, null);
        for (MetricFactory f : new MetricsPlugin().getMetricFactories()) {
            var metric = Metrics.create(f.name());
            Predictions empty = metric.tasks().contains(Task.REGRESSION) ? emptyRegression : emptyBinary;
            assertTrue(Double.isNaN(metric.compute(empty)), f.name() + " on no rows");
        }
    }

    @Test
    void probabilityMetricsAreNaNWithoutProbabilities() {
        Predictions p = new Predictions(Task.BINARY, BINARY, new double[] {0, 1, 1}, new double[] {0, 1, 0}, null);
        for (String name : List.of("roc-auc", "pr-auc", "log-loss", "brier")) {
            assertTrue(Double.isNaN(Metrics.create(name).compute(p)), name);
        }
        assertEquals(2.0 / 3, Metrics.create("accuracy").compute(p), 1e-15);
    }

    @Test
    void rankingMetricsAreNaNForANaNProbability() {
        double[][] proba = {{0.5, 0.5}, {Double.NaN, Double.NaN}, {0.2, 0.8}};
        Predictions p = new Predictions(Task.BINARY, BINARY, new double[] {0, 1, 1}, new double[] {0, 1, 1}, proba);
        assertTrue(Double.isNaN(Metrics.create("roc-auc").compute(p)));
        assertTrue(Double.isNaN(Metrics.create("pr-auc").compute(p)));
    }

    @Test
    void zeroDivisionIsZeroByDefaultAndConfigurable() {
        // Nothing predicted "yes" and nothing is "yes": precision and recall of "yes" divide by zero.
        Predictions p = new Predictions(Task.BINARY, BINARY, new double[] {0, 0}, new double[] {0, 0}, null);
        assertEquals(0.0, Metrics.create("precision").compute(p));
        assertEquals(0.0, Metrics.create("recall").compute(p));
        assertEquals(
                1.0, Metrics.create("precision", Map.of("zeroDivision", "1")).compute(p));
        assertEquals(1.0, Metrics.create("f1", Map.of("zeroDivision", "1")).compute(p));
    }

    @Test
    void zeroDivisionOutsideZeroToOneIsAConfigProblem() {
        MapConfig config = MapConfig.of("zeroDivision", 2.0);
        Metrics.factory("precision-macro").create(config, new TestContext());
        assertEquals(1, config.problems().size());
        assertTrue(
                config.messages().get(0).contains("zeroDivision"),
                config.messages().toString());
    }

    @Test
    void unknownPositiveClassNamesTheClasses() {
        Predictions p = new Predictions(Task.BINARY, BINARY, new double[] {0, 1}, new double[] {0, 1}, null);
        var metric = Metrics.create("precision", Map.of("positiveClass", "maybe"));
        QuiverException e = assertThrows(QuiverException.class, () -> metric.compute(p));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals("positiveClass 'maybe' is not one of the classes [no, yes].", e.getMessage());
    }

    @Test
    void badClassIndexIsADataErrorNamingTheRow() {
        Predictions p = new Predictions(Task.BINARY, BINARY, new double[] {0, 1, 2}, new double[] {0, 1, 1}, null);
        QuiverException e = assertThrows(
                QuiverException.class, () -> Metrics.create("accuracy").compute(p));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains(":2") && e.getMessage().contains("0..1"), e.getMessage());
        Predictions fractional = new Predictions(Task.BINARY, BINARY, new double[] {0.5}, new double[] {0}, null);
        assertThrows(QuiverException.class, () -> Metrics.create("f1").compute(fractional));
    }

    @Test
    void probabilityRowOfTheWrongWidthIsADataError() {
        double[][] proba = {{0.5, 0.5}, {1.0}};
        Predictions p = new Predictions(Task.BINARY, BINARY, new double[] {0, 1}, new double[] {0, 1}, proba);
        QuiverException e = assertThrows(
                QuiverException.class, () -> Metrics.create("log-loss").compute(p));
        assertTrue(e.getMessage().contains("expected 2 class probabilities"), e.getMessage());
    }

    @Test
    void logLossOfACertainMistakeIsFiniteThroughClipping() {
        double[][] proba = {{0.0, 1.0}};
        Predictions p = new Predictions(Task.BINARY, BINARY, new double[] {0}, new double[] {1}, proba);
        assertEquals(-Math.log(Math.ulp(1.0)), Metrics.create("log-loss").compute(p), 1e-12);
    }

    @Test
    void errorMeanAndVarianceSeparateBiasFromSpread() {
        double[] actual = {1, 2, 3, 4};
        Predictions biased = new Predictions(Task.REGRESSION, List.of(), actual, new double[] {0, 1, 2, 3}, null);
        Predictions noisy = new Predictions(Task.REGRESSION, List.of(), actual, new double[] {-1, 2, 1, 4}, null);
        assertEquals(1.0, Metrics.create("error-mean").compute(biased));
        assertEquals(1.0, Metrics.create("error-mean").compute(noisy));
        assertEquals(0.0, Metrics.create("error-variance").compute(biased));
        assertEquals(1.0, Metrics.create("error-variance").compute(noisy));
    }

    @Test
    void r2IsNaNForOneRow() {
        Predictions one = new Predictions(Task.REGRESSION, List.of(), new double[] {1}, new double[] {2}, null);
        assertTrue(Double.isNaN(Metrics.create("r2").compute(one)));
        assertEquals(1.0, Metrics.create("mse").compute(one));
    }

    @Test
    void multiclassRocAucLeavesOutAClassAbsentFromTheTruth() {
        // Class "c" never occurs: its one-vs-rest AUC is undefined, the others are perfect.
        double[][] proba = {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}};
        Predictions p = new Predictions(
                Task.MULTICLASS, List.of("a", "b", "c"), new double[] {0, 1, 0, 1}, new double[] {0, 1, 0, 1}, proba);
        var metric = Metrics.create("roc-auc");
        assertEquals(1.0, metric.compute(p));
        assertEquals(Map.of("perClass", Map.of("a", 1.0, "b", 1.0)), metric.details(p));
    }

    @Test
    void binaryWithoutLabelsStillHasAPositiveClass() {
        Predictions p = new Predictions(Task.BINARY, List.of(), new double[] {0, 0}, new double[] {0, 0}, null);
        assertEquals(0.0, Metrics.create("precision").compute(p), "class 1 never predicted: zero division");
        assertEquals(
                List.of("0", "1"), Metrics.create("confusion-matrix").details(p).get("labels"));
    }

    @Test
    void confusionMatrixWithoutLabelsSizesItselfFromTheIndices() {
        Predictions p =
                new Predictions(Task.MULTICLASS, List.of(), new double[] {0, 2, 2}, new double[] {1, 2, 0}, null);
        Map<String, Object> details = Metrics.create("confusion-matrix").details(p);
        assertEquals(List.of("0", "1", "2"), details.get("labels"));
        assertEquals(List.of(List.of(0L, 1L, 0L), List.of(0L, 0L, 0L), List.of(1L, 0L, 1L)), details.get("matrix"));
    }
}
