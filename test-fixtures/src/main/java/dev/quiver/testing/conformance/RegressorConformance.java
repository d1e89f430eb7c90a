package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.TrainingData;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every regression model plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class LinearRegressionConformanceTest extends RegressorConformance {
 *     protected ModelFactory factory() { return new LinearRegressionFactory(); }
 *     protected MapConfig config() { return MapConfig.of(); }
 * }
 * }</pre>
 *
 * <p>The model is fitted on {@link #table()} (by default 80 rows of {@code y = 2 x1 - 3 x2 + 0.5 x3 + 1} plus a
 * little seeded noise, in batches of 16) and asked to predict the same rows. The kit checks that the one
 * prediction column is a float64 {@code prediction}, that every prediction is finite and the fit explains at
 * least {@link #minimumTrainingR2()} of the target's variance, that prediction ignores the target and other
 * columns, that a saved and reloaded model predicts bit for bit the same, that one seed gives one model, that
 * predicting from four threads at once is safe, and that no Arrow memory is left behind.
 */
@ExtendWith(LeakCheckExtension.class)
public abstract class RegressorConformance {

    /** The factory under test. */
    protected abstract ModelFactory factory();

    /** A fresh configuration of the model under test (its {@code model:} options). */
    protected abstract MapConfig config();

    protected PluginContext context() {
        return new TestContext();
    }

    /** The {@code training:} section an iteratively trained model fits with (empty: its defaults). */
    protected Map<String, Object> training() {
        return Map.of();
    }

    /** The table to learn: numeric features and the float64 target {@link #target()}. */
    protected TableData table() {
        Random random = new Random(42);
        int rows = 80;
        double[] x1 = new double[rows];
        double[] x2 = new double[rows];
        double[] x3 = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x1[i] = random.nextGaussian();
            x2[i] = random.nextGaussian();
            x3[i] = random.nextGaussian();
            y[i] = 2 * x1[i] - 3 * x2[i] + 0.5 * x3[i] + 1 + 0.05 * random.nextGaussian();
        }
        return TableData.builder()
                .doubles("x1", x1)
                .doubles("x2", x2)
                .doubles("x3", x3)
                .doubles("y", y)
                .build()
                .withBatchSize(16);
    }

    protected String target() {
        return "y";
    }

    /** The least share of the target's variance the fit must explain on its training rows (R^2). */
    protected double minimumTrainingR2() {
        return 0.9;
    }

    private Model fit(BufferAllocator allocator) {
        TrainingData data = table().training(target(), Task.REGRESSION);
        return ModelChecks.fit(factory(), config(), context(), data, training(), allocator);
    }

    private List<List<Object>> predictions(Model model, TableData rows, BufferAllocator allocator) {
        return ModelChecks.predictions(model, rows, allocator);
    }

    @Test
    void typeTaskAndFeaturesDescribeTheData(BufferAllocator allocator) {
        Model model = fit(allocator);
        assertEquals(factory().name(), model.type());
        assertEquals(Task.REGRESSION, model.task());
        assertEquals(List.of(), model.classes(), "a regressor has no classes");
        assertEquals(table().training(target(), Task.REGRESSION).features(), model.features());
    }

    @Test
    void fittingReleasesItsMemory(BufferAllocator allocator) {
        fit(allocator);
        assertEquals(0, allocator.getAllocatedMemory(), "fit must release what it allocates before returning");
    }

    @Test
    void predictsOneFiniteFloat64ValuePerRowThatFitsTheData(BufferAllocator allocator) {
        Model model = fit(allocator);
        assertEquals(1, model.predictionFields().size(), "one prediction column");
        assertEquals(
                PredictionColumns.PREDICTION, model.predictionFields().get(0).getName());
        assertEquals(
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                model.predictionFields().get(0).getType(),
                "regression predictions are float64");
        double[] truth = table().doubles(target());
        List<List<Object>> rows = predictions(model, table(), allocator);
        double mean = java.util.Arrays.stream(truth).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (int r = 0; r < rows.size(); r++) {
            double p = (Double) rows.get(r).get(0);
            assertTrue(Double.isFinite(p), "row " + r + ": prediction " + p);
            residual += (truth[r] - p) * (truth[r] - p);
            total += (truth[r] - mean) * (truth[r] - mean);
        }
        double r2 = 1 - residual / total;
        assertTrue(r2 >= minimumTrainingR2(), "training R^2 " + r2 + " < " + minimumTrainingR2());
    }

    @Test
    void predictionIgnoresTheTargetAndExtraColumns(BufferAllocator allocator) {
        Model model = fit(allocator);
        assertEquals(predictions(model, table(), allocator), predictions(model, table().without(target()), allocator));
    }

    @Test
    void reloadedModelPredictsBitForBitTheSame(BufferAllocator allocator) {
        Model model = fit(allocator);
        Model reloaded = ModelChecks.reload(model, factory(), context());
        assertEquals(predictions(model, table(), allocator), predictions(reloaded, table(), allocator));
    }

    @Test
    void sameDataAndSeedGiveTheSameModel(BufferAllocator allocator) {
        assertEquals(predictions(fit(allocator), table(), allocator), predictions(fit(allocator), table(), allocator));
    }

    @Test
    void isSafeToPredictFromFourThreads(BufferAllocator allocator) throws Exception {
        Model model = fit(allocator);
        ModelChecks.sameFromFourThreads(
                predictions(model, table(), allocator), () -> predictions(model, table(), allocator));
    }

    @Test
    void describesWhatItLearned(BufferAllocator allocator) {
        assertFalse(fit(allocator).describe().isEmpty(), "describe() should show the learned parameters");
    }
}
