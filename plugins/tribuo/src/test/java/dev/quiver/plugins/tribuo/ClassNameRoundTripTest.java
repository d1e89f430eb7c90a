package dev.quiver.plugins.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A trainer given by class name with nested components trains, saves, reloads and predicts the same. */
@ExtendWith(LeakCheckExtension.class)
class ClassNameRoundTripTest {

    private static final Map<String, Object> HUBER_ADAGRAD = Map.of(
            "epochs", 10,
            "objective", Map.of("class", "org.tribuo.regression.sgd.objectives.Huber"),
            "optimiser", Map.of("class", "org.tribuo.math.optimisers.AdaGrad", "initialLearningRate", 0.1));

    @Test
    void linearSgdWithHuberAndAdaGradSurvivesSaveAndLoad(BufferAllocator allocator) {
        TableData diabetes = SimpleCsv.read(Datasets.path(Datasets.DIABETES));
        Model model = Fits.fit(
                Fits.trainer("trainer", "org.tribuo.regression.sgd.linear.LinearSGDTrainer", "options", HUBER_ADAGRAD),
                diabetes.training("progression", Task.REGRESSION),
                allocator,
                42L);

        MemoryState state = new MemoryState();
        model.save(state);
        Model loaded = new TribuoModelFactory().load(state.reader(), Fits.context());

        assertEquals(Task.REGRESSION, loaded.task());
        assertEquals(model.features(), loaded.features());
        assertEquals(model.predictionFields(), loaded.predictionFields());
        try (VectorSchemaRoot input = diabetes.without("progression").toRoot(allocator);
                VectorSchemaRoot before = model.predict(input, allocator);
                VectorSchemaRoot after = loaded.predict(input, allocator)) {
            double[] expected = ParityTest.doubles(before, PredictionColumns.PREDICTION);
            assertArrayEquals(expected, ParityTest.doubles(after, PredictionColumns.PREDICTION), 0.0);
            assertNotEquals(expected[0], expected[1], "predictions depend on the features");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void describeShowsTheConfiguredComponentsAndVersions(BufferAllocator allocator) {
        TableData diabetes = SimpleCsv.read(Datasets.path(Datasets.DIABETES));
        Model model = Fits.fit(
                Fits.trainer("trainer", "org.tribuo.regression.sgd.linear.LinearSGDTrainer", "options", HUBER_ADAGRAD),
                diabetes.training("progression", Task.REGRESSION),
                allocator,
                42L);

        Map<String, Object> described = model.describe();
        Map<String, Object> provenance = (Map<String, Object>) described.get("provenance");
        Map<String, Object> trainer = (Map<String, Object>) provenance.get("trainer");
        assertEquals("org.tribuo.regression.sgd.linear.LinearSGDTrainer", trainer.get("class"));
        assertEquals(10, trainer.get("epochs"));
        assertEquals(42L, trainer.get("seed"), "the fit's seed reaches the trainer");
        Map<String, Object> optimiser = (Map<String, Object>) trainer.get("optimiser");
        assertEquals("org.tribuo.math.optimisers.AdaGrad", optimiser.get("class"));
        assertEquals(0.1, optimiser.get("initialLearningRate"));
        assertEquals("4.3.2", provenance.get("tribuo-version"));
        Map<String, Object> dataset = (Map<String, Object>) provenance.get("dataset");
        assertEquals(442, dataset.get("num-examples"));
        assertEquals("org.tribuo.regression.sgd.linear.LinearSGDModel", described.get("tribuoModel"));
    }

    @Test
    void linearWeightsAreInTheModelsFeatureOrder(BufferAllocator allocator) {
        TableData diabetes = SimpleCsv.read(Datasets.path(Datasets.DIABETES));
        Model model = Fits.fit(
                Fits.trainer("trainer", "linear-sgd", "options", Map.of("epochs", 3)),
                diabetes.training("progression", Task.REGRESSION),
                allocator,
                42L);
        double[][] weight = (double[][]) model.describe().get("weight");
        double[] bias = (double[]) model.describe().get("bias");
        assertEquals(1, weight.length);
        assertEquals(10, weight[0].length);

        // Tribuo sorts features by name (age, bmi, bp, s1...); the described weights follow the model's order.
        try (VectorSchemaRoot input = diabetes.head(3).toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            double[] predicted = ParityTest.doubles(out, PredictionColumns.PREDICTION);
            for (int r = 0; r < 3; r++) {
                double sum = bias[0];
                for (int f = 0; f < 10; f++) {
                    sum += weight[0][f] * diabetes.doubles(model.features().get(f))[r];
                }
                assertEquals(predicted[r], sum, 1e-9 * Math.abs(sum));
            }
        }
    }

    @Test
    void classifierWeightsFollowTheClassOrder(BufferAllocator allocator) {
        TableData iris = SimpleCsv.read(Datasets.path(Datasets.IRIS));
        Model model = Fits.fit(Fits.trainer("trainer", "logistic-regression"), iris.training("species"), allocator, 3L);
        double[][] weight = (double[][]) model.describe().get("weight");
        double[] bias = (double[]) model.describe().get("bias");
        try (VectorSchemaRoot input = iris.toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            List<Object> predicted = BatchContent.column(out, PredictionColumns.PREDICTION);
            for (int r = 0; r < iris.rows(); r += 10) {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < weight.length; c++) {
                    double score = bias[c];
                    for (int f = 0; f < weight[c].length; f++) {
                        score += weight[c][f] * iris.doubles(model.features().get(f))[r];
                    }
                    if (score > bestScore) {
                        bestScore = score;
                        best = c;
                    }
                }
                assertEquals(predicted.get(r), model.classes().get(best), "row " + r);
            }
        }
    }

    @Test
    void classifierWithProbabilitiesRoundTripsLabelsAndScores(BufferAllocator allocator) {
        TableData iris = SimpleCsv.read(Datasets.path(Datasets.IRIS));
        Model model = Fits.fit(Fits.trainer("trainer", "logistic-regression"), iris.training("species"), allocator, 3L);
        MemoryState state = new MemoryState();
        model.save(state);
        Model loaded = new TribuoModelFactory().load(state.reader(), Fits.context());

        assertEquals(List.of("setosa", "versicolor", "virginica"), loaded.classes());
        try (VectorSchemaRoot input = iris.toRoot(allocator);
                VectorSchemaRoot before = model.predict(input, allocator);
                VectorSchemaRoot after = loaded.predict(input, allocator)) {
            assertEquals(BatchContent.rows(before), BatchContent.rows(after));
            assertTrue(after.getSchema().findField("probability_virginica") != null);
        }
    }
}
