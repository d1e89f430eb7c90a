package dev.quiver.engine.models;

import static dev.quiver.engine.models.Fits.accuracy;
import static dev.quiver.engine.models.Fits.features;
import static dev.quiver.engine.models.Fits.fit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.engine.testdata.MemoryData;
import dev.quiver.optim.optimizer.Adam;
import dev.quiver.optim.optimizer.Sgd;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheckExtension.class)
class GradientModelsTest {

    /** House prices in hundreds: price/100 = area/100 + 0.5. */
    private static MemoryData scaledHouses() {
        double[][] x = {{0.8}, {1.0}, {1.2}, {1.4}, {1.6}};
        double[] y = {1.3, 1.5, 1.7, 1.9, 2.1};
        return MemoryData.regression(List.of("area"), x, y);
    }

    @Test
    void gradientDescentFindsTheHousePriceLineInEveryBatchMode(BufferAllocator allocator) {
        for (Object batchSize : List.of("full", 1, 2)) {
            Model model = fit(
                    new LinearRegressionFactory(),
                    Map.of("solver", "gd"),
                    Map.of("epochs", 3000, "batchSize", batchSize),
                    new Sgd(Sgd.Settings.defaults().withLr(0.1)),
                    scaledHouses(),
                    allocator);
            double w = ((double[][]) model.describe().get("weight"))[0][0];
            double b = ((double[]) model.describe().get("bias"))[0];
            assertEquals(1.0, w, 2e-3, "batchSize " + batchSize);
            assertEquals(0.5, b, 2e-3, "batchSize " + batchSize);
            assertEquals(LinearRegressionFactory.NAME, model.type());
        }
    }

    @Test
    void divergenceStopsWithEpochStepAndAdvice(BufferAllocator allocator) {
        // Unscaled areas (80..160) make plain SGD at lr 0.01 overshoot further every step.
        MemoryData houses = MemoryData.csv(Datasets.path(Datasets.HOUSE_PRICES), false);
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> fit(
                        new LinearRegressionFactory(),
                        Map.of("solver", "gd"),
                        Map.of("epochs", 100, "batchSize", 1),
                        null,
                        houses,
                        allocator));
        assertEquals(ErrorCode.DIVERGED, e.code());
        assertTrue(e.getMessage().matches("(?s).*epoch \\d+, step \\d+.*lower learning rate.*"), e.getMessage());
    }

    @Test
    void logisticRegressionSeparatesTwoBlobsWithLabelsInTheTargetsType(BufferAllocator allocator) {
        Random random = new Random(3);
        int n = 400;
        double[][] x = new double[n][2];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            boolean spam = i % 2 == 0;
            x[i][0] = random.nextGaussian() + (spam ? 2 : -2);
            x[i][1] = random.nextGaussian() + (spam ? 1 : -1);
            y[i] = spam ? "spam" : "ham";
        }
        MemoryData data = MemoryData.labels(List.of("a", "b"), x, y);
        Model model = fit(new LogisticRegressionFactory(), Map.of(), Map.of("epochs", 20), null, data, allocator);
        assertEquals(Task.BINARY, model.task());
        assertEquals(List.of("ham", "spam"), model.classes());
        assertEquals(
                List.of(PredictionColumns.PREDICTION, "probability_ham", "probability_spam"),
                model.predictionFields().stream().map(Field::getName).toList());
        try (VectorSchemaRoot in = features(data, allocator);
                VectorSchemaRoot out = model.predict(in, allocator)) {
            VarCharVector label = (VarCharVector) out.getVector(0);
            Float8Vector pHam = (Float8Vector) out.getVector(1);
            Float8Vector pSpam = (Float8Vector) out.getVector(2);
            int right = 0;
            for (int r = 0; r < n; r++) {
                assertEquals(1.0, pHam.get(r) + pSpam.get(r), 1e-12);
                String expected = pSpam.get(r) >= 0.5 ? "spam" : "ham";
                assertEquals(expected, new String(label.get(r), StandardCharsets.UTF_8));
                right += expected.equals(y[r]) ? 1 : 0;
            }
            assertTrue(right >= 0.97 * n, "accuracy " + right / (double) n);
        }
        double[][] weight = (double[][]) model.describe().get("weight");
        assertEquals(1, weight.length);
        assertTrue(weight[0][0] > 0 && weight[0][1] > 0, "spam lies toward positive a and b");
    }

    @Test
    void thresholdMovesTheDecision(BufferAllocator allocator) {
        double[][] x = {{-1}, {1}, {-2}, {2}};
        MemoryData data = MemoryData.classes(List.of("x"), x, new long[] {0, 1, 0, 1});
        Model strict = fit(
                new LogisticRegressionFactory(),
                Map.of("threshold", 0.999),
                Map.of("epochs", 5),
                null,
                data,
                allocator);
        try (VectorSchemaRoot in = features(data, allocator);
                VectorSchemaRoot out = strict.predict(in, allocator)) {
            BigIntVector label = (BigIntVector) out.getVector(0);
            for (int r = 0; r < 4; r++) {
                assertEquals(0L, label.get(r), "nothing is that certain after 5 epochs");
            }
        }
    }

    @Test
    void validationAccuracyDecidesWithTheModelsThreshold(BufferAllocator allocator) {
        double[][] x = {{-1}, {1}, {-2}, {2}};
        MemoryData data = MemoryData.classes(List.of("x"), x, new long[] {0, 1, 0, 1});
        dev.quiver.testing.TestFitContext fit = new dev.quiver.testing.TestFitContext(allocator, 7);
        Model strict = Fits.trainer(
                        new LogisticRegressionFactory(), Map.of("threshold", 0.999), Map.of("epochs", 5), null, null)
                .fit(data.withValidation(data), fit);
        double reported = fit.epochs().get(fit.epochs().size() - 1).metrics().get("validation_accuracy");
        assertEquals(0.5, accuracy(strict, data, allocator), "every row predicted 0, as above");
        assertEquals(accuracy(strict, data, allocator), reported);
    }

    @Test
    void softmaxRegressionLearnsIris(BufferAllocator allocator) {
        MemoryData iris = MemoryData.csv(Datasets.path(Datasets.IRIS), true);
        double[][] m = iris.moments();
        iris = iris.standardized(m[0], m[1]);
        Model model = fit(new SoftmaxRegressionFactory(), Map.of(), Map.of("epochs", 100), null, iris, allocator);
        assertEquals(3, ((double[][]) model.describe().get("weight")).length);
        assertEquals(iris.classes(), model.classes());
        assertTrue(accuracy(model, iris, allocator) >= 0.95);
    }

    @Test
    void mlpReachesDigitsAccuracyOfTheReferenceRecipe(BufferAllocator allocator) {
        // The W3 recipe: 64-64-10 ReLU, standardised, 75/25 stratified split, 100 epochs, batch 32, Adam 1e-3.
        MemoryData[] split =
                MemoryData.csv(Datasets.path(Datasets.DIGITS), true).stratifiedSplit(0.25, 0);
        double[][] m = split[0].moments();
        MemoryData train = split[0].standardized(m[0], m[1]).batchSize(256);
        MemoryData test = split[1].standardized(m[0], m[1]);
        Model model = fit(
                new MlpFactory(),
                Map.of("hidden", List.of(64)),
                Map.of("epochs", 100, "batchSize", 32),
                null,
                train,
                allocator);
        double accuracy = accuracy(model, test, allocator);
        assertTrue(accuracy >= 0.97, "test accuracy " + accuracy);
    }

    @Test
    void mlpRegressionFitsANonLinearCurveAndEveryActivationTrains(BufferAllocator allocator) {
        int n = 128;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = -2 + 4.0 * i / n;
            y[i] = x[i][0] * x[i][0];
        }
        MemoryData data = MemoryData.regression(List.of("x"), x, y);
        for (String activation : List.of("relu", "tanh", "sigmoid", "gelu")) {
            Model model = fit(
                    new MlpFactory(),
                    Map.of("hidden", List.of(16, 16), "activation", activation),
                    Map.of("epochs", 150, "batchSize", 16),
                    new Adam(Adam.Settings.adam().withLr(0.02)),
                    data,
                    allocator);
            assertEquals(Task.REGRESSION, model.task());
            try (VectorSchemaRoot in = features(data, allocator);
                    VectorSchemaRoot out = model.predict(in, allocator)) {
                Float8Vector prediction = (Float8Vector) out.getVector(0);
                double sse = 0;
                for (int r = 0; r < n; r++) {
                    sse += Math.pow(prediction.get(r) - y[r], 2);
                }
                assertTrue(sse / n < 0.02, activation + ": mse " + sse / n);
            }
        }
    }

    @Test
    void savedModelsPredictIdenticallyAndDescribeTheirLayers(BufferAllocator allocator) {
        MemoryData iris = MemoryData.csv(Datasets.path(Datasets.IRIS), true);
        MlpFactory factory = new MlpFactory();
        Model model =
                fit(factory, Map.of("hidden", List.of(8), "dropout", 0.1), Map.of("epochs", 5), null, iris, allocator);
        MemoryState state = new MemoryState();
        model.save(state);
        Model loaded = factory.load(state.reader(), new TestContext());
        assertEquals(Fits.saved(model), Fits.saved(loaded));
        assertEquals(8, ((double[][]) model.describe().get("layer0.weight")).length);
        assertEquals(4, ((double[][]) model.describe().get("layer0.weight"))[0].length);
        try (VectorSchemaRoot in = features(iris, allocator);
                VectorSchemaRoot a = model.predict(in, allocator);
                VectorSchemaRoot b = loaded.predict(in, allocator)) {
            assertEquals(a.contentToTSVString(), b.contentToTSVString());
        }
    }

    @Test
    void predictIsSafeFromManyThreads(BufferAllocator allocator) throws Exception {
        MemoryData iris = MemoryData.csv(Datasets.path(Datasets.IRIS), true);
        Model model = fit(new MlpFactory(), Map.of("hidden", List.of(16)), Map.of("epochs", 3), null, iris, allocator);
        String expected;
        try (VectorSchemaRoot in = features(iris, allocator);
                VectorSchemaRoot out = model.predict(in, allocator)) {
            expected = out.contentToTSVString();
        }
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<String> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    try (VectorSchemaRoot in = features(iris, allocator);
                            VectorSchemaRoot out = model.predict(in, allocator)) {
                        results.add(out.contentToTSVString());
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(80, results.size());
        results.forEach(r -> assertEquals(expected, r));
    }

    @Test
    void zeroInitLinearModelsStartFromZero(BufferAllocator allocator) {
        // One SGD step of lr 0.5 from w = b = 0 on y = 2 at x = 1: gradient of MSE is -4 for both.
        MemoryData one = MemoryData.regression(List.of("x"), new double[][] {{1}}, new double[] {2});
        Model model = fit(
                new LinearRegressionFactory(),
                Map.of("solver", "gd"),
                Map.of("epochs", 1),
                new Sgd(Sgd.Settings.defaults().withLr(0.5)),
                one,
                allocator);
        assertArrayEquals(new double[] {2.0}, ((double[][]) model.describe().get("weight"))[0]);
        assertArrayEquals(new double[] {2.0}, (double[]) model.describe().get("bias"));
    }
}
