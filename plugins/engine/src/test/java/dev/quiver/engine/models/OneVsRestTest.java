package dev.quiver.engine.models;

import static dev.quiver.engine.models.Fits.features;
import static dev.quiver.engine.models.Fits.fit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.engine.testdata.MemoryData;
import dev.quiver.optim.loss.CrossEntropyLoss;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** logistic-regression on more than two classes: one sigmoid per class against the rest. */
@ExtendWith(LeakCheckExtension.class)
class OneVsRestTest {

    private static final List<String> CLASSES = List.of("north", "east", "west");

    /** Three blobs at the corners of a triangle, each linearly separable from the other two. */
    private static MemoryData triangle() {
        double[][] centres = {{0, 4}, {4, -2}, {-4, -2}};
        Random random = new Random(11);
        int n = 150;
        double[][] x = new double[n][2];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x[i][0] = centres[c][0] + 0.5 * random.nextGaussian();
            x[i][1] = centres[c][1] + 0.5 * random.nextGaussian();
            y[i] = CLASSES.get(c);
        }
        return MemoryData.labels(List.of("u", "v"), x, y);
    }

    private static Model fitTriangle(BufferAllocator allocator) {
        return fit(new LogisticRegressionFactory(), Map.of(), Map.of("epochs", 30), null, triangle(), allocator);
    }

    @Test
    void learnsSeparableClassesWithOneSigmoidPerClass(BufferAllocator allocator) {
        MemoryData data = triangle();
        Model model = fitTriangle(allocator);
        assertEquals(Task.MULTICLASS, model.task());
        assertEquals(List.of("east", "north", "west"), model.classes(), "the data's (sorted) class order");
        double[][] weight = (double[][]) model.describe().get("weight");
        double[] bias = (double[]) model.describe().get("bias");
        assertEquals(3, weight.length, "one logit per class");
        assertEquals(
                List.of(PredictionColumns.PREDICTION, "probability_east", "probability_north", "probability_west"),
                model.predictionFields().stream().map(Field::getName).toList());

        try (VectorSchemaRoot in = features(data, allocator);
                VectorSchemaRoot out = model.predict(in, allocator)) {
            VarCharVector label = (VarCharVector) out.getVector(0);
            for (int r = 0; r < data.size(); r++) {
                assertEquals(data.label(r), new String(label.get(r), StandardCharsets.UTF_8), "row " + r);
                double[] raw = new double[3];
                double[] sigmoid = new double[3];
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    raw[c] = bias[c] + weight[c][0] * data.x()[r][0] + weight[c][1] * data.x()[r][1];
                    sigmoid[c] = 1 / (1 + Math.exp(-raw[c]));
                    sum += sigmoid[c];
                }
                double total = 0;
                for (int c = 0; c < 3; c++) {
                    double p = ((Float8Vector) out.getVector(1 + c)).get(r);
                    assertEquals(sigmoid[c] / sum, p, 1e-12, "row " + r + ", class " + c);
                    total += p;
                }
                assertEquals(1.0, total, 1e-15, "row " + r);
            }
        }
    }

    @Test
    void eachLogitSeparatesItsClassFromTheRest(BufferAllocator allocator) {
        // Trained as three independent binary problems, every logit alone must be positive exactly on its
        // class: a softmax would only need the right ordering between the logits.
        MemoryData data = triangle();
        Model model = fitTriangle(allocator);
        double[][] weight = (double[][]) model.describe().get("weight");
        double[] bias = (double[]) model.describe().get("bias");
        for (int r = 0; r < data.size(); r++) {
            for (int c = 0; c < 3; c++) {
                double z = bias[c] + weight[c][0] * data.x()[r][0] + weight[c][1] * data.x()[r][1];
                boolean mine = model.classes().get(c).equals(data.label(r));
                assertEquals(
                        mine,
                        z > 0,
                        "row " + r + ", logit of " + model.classes().get(c) + ": " + z);
            }
        }
    }

    @Test
    void savedModelReloadsBitForBit(BufferAllocator allocator) {
        MemoryData data = triangle();
        Model model = fitTriangle(allocator);
        MemoryState state = new MemoryState();
        model.save(state);
        Model loaded = new LogisticRegressionFactory().load(state.reader(), new TestContext());
        assertEquals(Fits.saved(model), Fits.saved(loaded));
        assertEquals(model.predictionFields(), loaded.predictionFields());
        assertEquals(Task.MULTICLASS, loaded.task());
        try (VectorSchemaRoot in = features(data, allocator);
                VectorSchemaRoot a = model.predict(in, allocator);
                VectorSchemaRoot b = loaded.predict(in, allocator)) {
            assertEquals(a.contentToTSVString(), b.contentToTSVString());
        }
    }

    @Test
    void readsFixedWeightsAsScikitLearnDoes(BufferAllocator allocator) {
        // Golden values from src/test/python/ovr_goldens.py: LogisticRegression(multi_class='ovr').predict_proba
        // and predict on the same weights and rows.
        double[][] w = {{1.5, -0.5}, {-0.25, 2.0}, {-1.0, -1.0}};
        double[] b = {0.1, -0.2, 0.3};
        double[][] x = {{0.0, 0.0}, {2.0, 1.0}, {-1.0, 3.0}, {-2.0, -2.0}, {0.5, 0.5}, {10.0, -10.0}, {-30.0, -40.0}};
        double[] expected = {
            0.3387863656344508,
            0.29050695269479065,
            0.37070668167075854,
            0.5230529379893223,
            0.44156221036301496,
            0.035384851647662766,
            0.04330732652044734,
            0.8284276561693865,
            0.1282650173101661,
            0.1140453491176265,
            0.021148311777676704,
            0.8648063391046967,
            0.39367117663307827,
            0.4040154425600755,
            0.20231338080684627,
            0.6351454489787423,
            8.798091050322946e-11,
            0.36485455093327684,
            1.534855167095421e-11,
            2.6717213786874194e-32,
            0.9999999999846514
        };
        List<String> labels = List.of("c", "a", "b", "c", "b", "a", "c");

        ClassLabels classes = new ClassLabels(List.of("a", "b", "c"), ArrowType.Utf8.INSTANCE);
        Model model =
                new LinearModel(LogisticRegressionFactory.NAME, List.of("x0", "x1"), w, b, Head.oneVsRest(classes));
        MemoryData rows = MemoryData.labels(List.of("x0", "x1"), x, labels.toArray(String[]::new));
        try (VectorSchemaRoot in = features(rows, allocator);
                VectorSchemaRoot out = model.predict(in, allocator)) {
            for (int r = 0; r < x.length; r++) {
                assertEquals(
                        labels.get(r),
                        new String(((VarCharVector) out.getVector(0)).get(r), StandardCharsets.UTF_8),
                        "row " + r);
                for (int c = 0; c < 3; c++) {
                    double p = ((Float8Vector) out.getVector(1 + c)).get(r);
                    double e = expected[r * 3 + c];
                    assertEquals(e, p, 1e-14 * e, "row " + r + ", class " + c);
                }
            }
        }
    }

    @Test
    void probabilitiesStayFiniteWhenEverySigmoidUnderflows() {
        // sigmoid(-800) is 0 in double precision, so the plain quotient would be 0/0; the ratios are e^-z.
        double[] p = new double[3];
        int best = Head.normalisedSigmoids(new double[] {-801, -800, -802}, 0, p);
        assertEquals(1, best);
        double norm = 1 + Math.exp(-1) + Math.exp(-2);
        assertArrayEquals(new double[] {Math.exp(-1) / norm, 1 / norm, Math.exp(-2) / norm}, p, 1e-15);
        Head.normalisedSigmoids(new double[] {900, 800, -900}, 0, p);
        assertArrayEquals(new double[] {0.5, 0.5, 0.0}, p, 0.0, "both saturated sigmoids are 1");
    }

    @Test
    void twoClassesKeepTheSingleLogit(BufferAllocator allocator) {
        MemoryData two =
                MemoryData.classes(List.of("x"), new double[][] {{-1}, {1}, {-2}, {2}}, new long[] {0, 1, 0, 1});
        Model model = fit(new LogisticRegressionFactory(), Map.of(), Map.of("epochs", 5), null, two, allocator);
        assertEquals(Task.BINARY, model.task());
        assertEquals(1, ((double[][]) model.describe().get("weight")).length);
    }

    @Test
    void otherMulticlassSchemesAreConfigProblems() {
        MapConfig config = new MapConfig("model", Map.of("multiclass", "multinomial"));
        new LogisticRegressionFactory().create(config, new TestContext());
        assertEquals(1, config.messages().size(), config.messages().toString());
        String message = config.messages().get(0);
        assertTrue(message.contains("one-vs-rest") && message.contains("softmax-regression"), message);

        MapConfig ovr = new MapConfig("model", Map.of("multiclass", "ovr"));
        new LogisticRegressionFactory().create(ovr, new TestContext());
        ovr.assertNoProblems();
    }

    @Test
    void crossEntropyIsRefusedForMoreThanTwoClasses(BufferAllocator allocator) {
        var trainer = Fits.trainer(
                new LogisticRegressionFactory(), Map.of(), Map.of("epochs", 1), new CrossEntropyLoss(), null);
        QuiverException e =
                assertThrows(QuiverException.class, () -> trainer.fit(triangle(), new TestFitContext(allocator, 7)));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("softmax-regression"), e.getMessage());
    }
}
