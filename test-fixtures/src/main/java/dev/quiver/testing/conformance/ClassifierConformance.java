package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.PluginContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import dev.quiver.testing.TestTraining;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every classifier plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class NaiveBayesConformanceTest extends ClassifierConformance {
 *     protected ModelFactory factory() { return new NaiveBayesFactory(); }
 *     protected MapConfig config() { return MapConfig.of(); }
 * }
 * }</pre>
 *
 * <p>The model is fitted on {@link #table()} (iris by default, served in batches of 32 rows) and asked to predict
 * the same rows. The kit checks the prediction columns (label in the target's type, one probability per class,
 * each row's probabilities a distribution whose most probable class is the predicted label), that prediction
 * ignores the target and other extra columns, that a saved and reloaded model predicts bit for bit the same,
 * that fitting twice with one seed gives the same model, that predicting from four threads at once is safe, that
 * the model learned something (training accuracy at least {@link #minimumTrainingAccuracy()}), and that no Arrow
 * memory is left behind.
 */
@ExtendWith(LeakCheckExtension.class)
public abstract class ClassifierConformance {

    /** The factory under test. */
    protected abstract ModelFactory factory();

    /** A fresh configuration of the model under test (its {@code model:} options). */
    protected abstract MapConfig config();

    /** The context the factory gets. */
    protected PluginContext context() {
        return new TestContext();
    }

    /**
     * The {@code training:} section an iteratively trained model fits with (empty: its defaults); its loss,
     * optimizer and schedule are made by the plugins on the test classpath (see {@link TestTraining}).
     */
    protected Map<String, Object> training() {
        return Map.of();
    }

    /** The table to learn; its target is {@link #target()}, every other column a numeric feature. */
    protected TableData table() {
        return SimpleCsv.read(Datasets.path(Datasets.IRIS)).withBatchSize(32);
    }

    protected String target() {
        return "species";
    }

    /**
     * Whether the model gives class probabilities (a {@code probability_<class>} column per class). A model
     * without them (a tree or an SVM through Tribuo, whose {@code generatesProbabilities()} is false) returns
     * false, and the kit checks that it announces the {@code prediction} column alone rather than columns of
     * made-up probabilities.
     */
    protected boolean givesProbabilities() {
        return true;
    }

    /** The least share of training rows the fitted model must classify right: it learned something. */
    protected double minimumTrainingAccuracy() {
        return 0.8;
    }

    private Model fit(BufferAllocator allocator) {
        MapConfig config = config();
        Trainer trainer = factory().create(config, context());
        config.assertNoProblems();
        TrainingData data = table().training(target());
        assertTrue(trainer.tasks().contains(data.task()), "the kit's data is " + data.task());
        TrainingSetup setup =
                trainer.training().isPresent() ? TestTraining.setup(trainer, data.task(), training()) : null;
        return trainer.fit(data, new TestFitContext(allocator, 7L, setup));
    }

    private static List<List<Object>> predictions(Model model, TableData rows, BufferAllocator allocator) {
        try (VectorSchemaRoot input = rows.toRoot(allocator);
                VectorSchemaRoot output = model.predict(input, allocator)) {
            assertEquals(model.predictionFields(), output.getSchema().getFields());
            return BatchContent.rows(output);
        }
    }

    @Test
    void typeClassesAndFeaturesDescribeTheData(BufferAllocator allocator) {
        Model model = fit(allocator);
        TrainingData data = table().training(target());
        assertEquals(factory().name(), model.type());
        assertEquals(data.classes(), model.classes());
        assertEquals(data.features(), model.features());
        assertEquals(data.task(), model.task());
    }

    @Test
    void fittingReleasesItsMemory(BufferAllocator allocator) {
        fit(allocator);
        assertEquals(0, allocator.getAllocatedMemory(), "fit must release what it allocates before returning");
    }

    @Test
    void predictsALabelAndAProbabilityPerClass(BufferAllocator allocator) {
        Model model = fit(allocator);
        List<String> names =
                model.predictionFields().stream().map(Field::getName).toList();
        List<String> expected = new ArrayList<>(List.of(PredictionColumns.PREDICTION));
        if (givesProbabilities()) {
            model.classes().forEach(c -> expected.add(PredictionColumns.probability(c)));
        }
        assertEquals(expected, names);
        assertEquals(
                table().field(target()).getType(),
                model.predictionFields().get(0).getType(),
                "labels are predicted in the target's own type");

        int k = givesProbabilities() ? model.classes().size() : 0;
        int right = 0;
        List<String> truth = table().labels(target());
        List<List<Object>> rows = predictions(model, table(), allocator);
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            double sum = 0;
            int best = 0;
            for (int c = 0; c < k; c++) {
                double p = (Double) row.get(1 + c);
                assertTrue(p >= 0 && p <= 1, "row " + r + ": probability " + p);
                sum += p;
                best = p > (Double) row.get(1 + best) ? c : best;
            }
            if (k > 0) {
                assertEquals(1.0, sum, 1e-9, "row " + r + ": probabilities must sum to 1");
                assertEquals(
                        model.classes().get(best),
                        row.get(0).toString(),
                        "row " + r + ": the label is the most " + "probable class");
            }
            right += truth.get(r).equals(row.get(0).toString()) ? 1 : 0;
        }
        double accuracy = (double) right / rows.size();
        assertTrue(accuracy >= minimumTrainingAccuracy(), "training accuracy " + accuracy);
    }

    @Test
    void predictionIgnoresTheTargetAndExtraColumns(BufferAllocator allocator) {
        Model model = fit(allocator);
        TableData extra = table().without(target());
        assertEquals(predictions(model, table(), allocator), predictions(model, extra, allocator));
    }

    @Test
    void reloadedModelPredictsBitForBitTheSame(BufferAllocator allocator) {
        Model model = fit(allocator);
        MemoryState state = new MemoryState();
        model.save(state);
        Model reloaded = factory().load(state.reader(), context());
        assertEquals(model.type(), reloaded.type());
        assertEquals(model.classes(), reloaded.classes());
        assertEquals(model.features(), reloaded.features());
        assertEquals(model.predictionFields(), reloaded.predictionFields());
        assertEquals(predictions(model, table(), allocator), predictions(reloaded, table(), allocator));
    }

    @Test
    void sameDataAndSeedGiveTheSameModel(BufferAllocator allocator) {
        assertEquals(predictions(fit(allocator), table(), allocator), predictions(fit(allocator), table(), allocator));
    }

    @Test
    void isSafeToPredictFromFourThreads(BufferAllocator allocator) throws Exception {
        Model model = fit(allocator);
        List<List<Object>> expected = predictions(model, table(), allocator);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Object>>>> results = new ArrayList<>();
            for (int task = 0; task < 4 * 10; task++) {
                results.add(pool.submit(() -> predictions(model, table(), allocator)));
            }
            for (Future<List<List<Object>>> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void describesWhatItLearned(BufferAllocator allocator) {
        assertFalse(fit(allocator).describe().isEmpty(), "describe() should show the learned parameters");
    }
}
