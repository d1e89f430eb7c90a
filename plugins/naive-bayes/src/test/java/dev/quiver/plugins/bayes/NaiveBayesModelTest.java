package dev.quiver.plugins.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour beyond the classifier kit (see the *ConformanceTest classes): state, description, errors. */
@ExtendWith(LeakCheckExtension.class)
class NaiveBayesModelTest {

    private static MapConfig config(String kind) {
        return kind.equals("gaussian") ? MapConfig.of() : MapConfig.of("kind", kind);
    }

    private static TableData data(String kind) {
        return kind.equals("gaussian") ? Fitting.iris() : Fitting.spam();
    }

    private static String target(String kind) {
        return kind.equals("gaussian") ? "species" : "label";
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "multinomial", "bernoulli"})
    void reloadsToBitIdenticalPredictions(String kind, BufferAllocator allocator) {
        Model model = Fitting.fit(config(kind), data(kind), target(kind), allocator);
        MemoryState state = new MemoryState();
        model.save(state);
        Model reloaded = Fitting.FACTORY.load(state.reader(), new TestContext());
        assertEquals(model.features(), reloaded.features());
        assertEquals(model.classes(), reloaded.classes());
        assertEquals(model.predictionFields(), reloaded.predictionFields());
        assertEquals(model.task(), reloaded.task());
        try (VectorSchemaRoot a = Fitting.predict(model, data(kind), allocator);
                VectorSchemaRoot b = Fitting.predict(reloaded, data(kind), allocator)) {
            assertEquals(BatchContent.rows(a), BatchContent.rows(b));
        }
        String matrix = kind.equals("gaussian") ? "theta" : "featureLogProb";
        assertArrayEquals((double[][]) model.describe().get(matrix), (double[][])
                reloaded.describe().get(matrix));
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesPriorsMeansAndVariances(BufferAllocator allocator) {
        Map<String, Object> d = Fitting.fit(MapConfig.of(), Fitting.iris(), "species", allocator)
                .describe();
        assertEquals("gaussian", d.get("kind"));
        Map<String, Object> priors = (Map<String, Object>) d.get("classPrior");
        assertEquals(List.of("setosa", "versicolor", "virginica"), List.copyOf(priors.keySet()));
        assertEquals(1.0 / 3, (Double) priors.get("setosa"), 1e-15);
        double[][] theta = (double[][]) d.get("theta");
        assertEquals(5.006, theta[0][0], 1e-12, "mean sepal length of setosa");
        double[][] var = (double[][]) d.get("var");
        assertEquals(0.121764 + (Double) d.get("epsilon"), var[0][0], 1e-12, "population variance plus epsilon");
    }

    @Test
    void predictsLabelsInTheTargetsOwnTypeAndIgnoresOtherColumns(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .doubles("x", 1.0, 1.2, 0.9, 3.0, 3.1, 2.8)
                .longs("y", 0L, 0L, 0L, 1L, 1L, 1L)
                .strings("note", "a", "b", "c", "d", "e", "f")
                .build();
        Model model =
                Fitting.trainer(MapConfig.of()).fit(table.without("note").training("y"), new TestFitContext(allocator));
        assertEquals(Task.BINARY, model.task());
        assertEquals(List.of("x"), model.features());
        assertEquals(
                List.of("prediction", "probability_0", "probability_1"),
                model.predictionFields().stream().map(Field::getName).toList());
        try (VectorSchemaRoot p = Fitting.predict(model, table.without("y"), allocator)) {
            assertTrue(p.getVector(PredictionColumns.PREDICTION) instanceof BigIntVector);
            assertEquals(List.of(0L, 0L, 0L, 1L, 1L, 1L), BatchContent.column(p, "prediction"));
        }
    }

    @Test
    void aMissingFeatureColumnIsADataErrorNamingIt(BufferAllocator allocator) {
        Model model = Fitting.fit(MapConfig.of(), Fitting.iris(), "species", allocator);
        try (VectorSchemaRoot input = Fitting.iris().without("petal_width").toRoot(allocator)) {
            QuiverException e = assertThrows(
                    QuiverException.class, () -> model.predict(input, allocator).close());
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(
                    e.getMessage()
                            .startsWith("batch column 'petal_width': naive-bayes was trained on this " + "feature"),
                    e.getMessage());
        }
    }

    @Test
    void aMissingCellIsADataErrorNamingRowAndColumn(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .doubles("x", 1.0, 2.0, null, 4.0)
                .strings("y", "a", "a", "b", "b")
                .build()
                .withBatchSize(2);
        QuiverException e =
                assertThrows(QuiverException.class, () -> Fitting.fit(MapConfig.of(), table, "y", allocator));
        assertTrue(
                e.getMessage()
                        .startsWith("training data:3 column 'x': naive-bayes cannot fit with a missing " + "value"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "multinomial", "bernoulli"})
    void anInfiniteFeatureIsADataErrorInFitAndPredict(String kind, BufferAllocator allocator) {
        TableData table = TableData.builder()
                .doubles("x", 1.0, Double.POSITIVE_INFINITY, 3.0, 4.0)
                .strings("y", "a", "a", "b", "b")
                .build();
        QuiverException fit =
                assertThrows(QuiverException.class, () -> Fitting.fit(config(kind), table, "y", allocator));
        assertEquals(ErrorCode.DATA, fit.code());
        assertTrue(
                fit.getMessage()
                        .startsWith("training data:2 column 'x': naive-bayes cannot fit with an infinite " + "value"),
                fit.getMessage());

        TableData finite = TableData.builder()
                .doubles("x", 1.0, 2.0, 3.0, 4.0)
                .strings("y", "a", "a", "b", "b")
                .build();
        Model model = Fitting.fit(config(kind), finite, "y", allocator);
        try (VectorSchemaRoot input = table.without("y").toRoot(allocator)) {
            QuiverException predict = assertThrows(
                    QuiverException.class, () -> model.predict(input, allocator).close());
            assertTrue(
                    predict.getMessage()
                            .startsWith("batch:2 column 'x': naive-bayes cannot predict with an " + "infinite value"),
                    predict.getMessage());
        }
    }

    @Test
    void multinomialRefusesNegativeCounts(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .doubles("x", 1.0, -2.0)
                .strings("y", "a", "b")
                .build();
        QuiverException e = assertThrows(
                QuiverException.class, () -> Fitting.fit(MapConfig.of("kind", "multinomial"), table, "y", allocator));
        assertTrue(
                e.getMessage().startsWith("training data:2 column 'x': multinomial naive Bayes needs counts"),
                e.getMessage());
    }

    @Test
    void textFeaturesAreRefusedWithAHint(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .strings("color", "red", "blue")
                .strings("y", "a", "b")
                .build();
        QuiverException e =
                assertThrows(QuiverException.class, () -> Fitting.fit(MapConfig.of(), table, "y", allocator));
        assertTrue(e.getMessage().contains("one-hot"), e.getMessage());
    }

    @Test
    void priorsOfTheWrongLengthAreAConfigErrorAtFit(BufferAllocator allocator) {
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> Fitting.fit(MapConfig.of("priors", List.of(0.5, 0.5)), Fitting.iris(), "species", allocator));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(
                e.getMessage()
                        .contains("priors has 2 values but the target has 3 classes "
                                + "[setosa, versicolor, virginica]"),
                e.getMessage());
    }

    @Test
    void learnsBinaryAndMulticlass() {
        assertEquals(
                Set.of(Task.BINARY, Task.MULTICLASS),
                Fitting.trainer(MapConfig.of()).tasks());
    }
}
