package dev.quiver.plugins.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Arrow rows in, Arrow predictions out: types, missing values and bad rows. */
@ExtendWith(LeakCheckExtension.class)
class DataConversionTest {

    @Test
    void missingFeatureMeansZeroToTribuo(BufferAllocator allocator) {
        Model model = irisLogistic(allocator);
        TableData rows = TableData.builder()
                .doubles("sepal_length", 5.9, 5.9)
                .doubles("sepal_width", 3.0, 3.0)
                .doubles("petal_length", null, 0.0)
                .doubles("petal_width", 1.8, 1.8)
                .build();
        try (VectorSchemaRoot input = rows.toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            List<List<Object>> predicted = BatchContent.rows(out);
            assertEquals(predicted.get(1), predicted.get(0), "an absent feature predicts as 0 does");
        }
    }

    @Test
    void classifierWritesLabelsInTheTargetTypeAndProbabilitiesThatSumToOne(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .doubles("x", 0.0, 0.1, 0.2, 1.0, 1.1, 1.2, 2.0, 2.1, 2.2)
                .longs("digit", 3L, 3L, 3L, 5L, 5L, 5L, 7L, 7L, 7L)
                .build();
        Model model = Fits.fit(
                Fits.trainer("trainer", "logistic-regression", "options", Map.of("epochs", 50)),
                table.training("digit"),
                allocator,
                1L);

        assertEquals(List.of("3", "5", "7"), model.classes());
        assertEquals(
                new ArrowType.Int(64, true), model.predictionFields().get(0).getType());
        assertEquals(
                List.of("prediction", "probability_3", "probability_5", "probability_7"),
                model.predictionFields().stream().map(f -> f.getName()).toList());
        try (VectorSchemaRoot input = table.toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            assertEquals(List.of(3L, 3L, 3L, 5L, 5L, 5L, 7L, 7L, 7L), BatchContent.column(out, "prediction"));
            for (List<Object> row : BatchContent.rows(out)) {
                double sum = (Double) row.get(1) + (Double) row.get(2) + (Double) row.get(3);
                assertEquals(1.0, sum, 1e-9);
            }
        }
    }

    @Test
    void clusterIdsAreInt64(BufferAllocator allocator) {
        TableData points = TableData.builder()
                .doubles("x", 0.0, 0.1, 10.0, 10.1)
                .doubles("y", 0.0, 0.1, 10.0, 10.1)
                .build();
        Model model = Fits.fit(
                Fits.trainer("trainer", "kmeans", "options", Map.of("centroids", 2)),
                Fits.clustering(points),
                allocator,
                1L);
        assertEquals(Task.CLUSTERING, model.task());
        try (VectorSchemaRoot input = points.toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            List<Object> ids = BatchContent.column(out, PredictionColumns.PREDICTION);
            assertEquals(ids.get(0), ids.get(1));
            assertEquals(ids.get(2), ids.get(3));
            assertTrue(!ids.get(0).equals(ids.get(2)) && ids.get(0) instanceof Long, ids.toString());
        }
    }

    @Test
    void rowWithoutAnyFeatureIsADataError(BufferAllocator allocator) {
        Model model = irisLogistic(allocator);
        TableData rows = TableData.builder()
                .doubles("sepal_length", 5.0, null)
                .doubles("sepal_width", 3.0, null)
                .doubles("petal_length", 1.0, null)
                .doubles("petal_width", 0.2, null)
                .build();
        try (VectorSchemaRoot input = rows.toRoot(allocator)) {
            QuiverException e = assertThrows(QuiverException.class, () -> model.predict(input, allocator));
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(e.getMessage().startsWith("input:2: every feature is empty in this row"), e.getMessage());
        }
    }

    @Test
    void missingFeatureColumnIsADataError(BufferAllocator allocator) {
        Model model = irisLogistic(allocator);
        TableData rows = TableData.builder().doubles("sepal_length", 5.0).build();
        try (VectorSchemaRoot input = rows.toRoot(allocator)) {
            QuiverException e = assertThrows(QuiverException.class, () -> model.predict(input, allocator));
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(e.getMessage().contains("no column 'sepal_width'"), e.getMessage());
        }
    }

    @Test
    void emptyTargetNamesItsRowAndColumn(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .doubles("x", 1.0, 2.0, 3.0)
                .doubles("y", 1.0, null, 3.0)
                .build();
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> Fits.fit(Fits.trainer("trainer", "cart"), table.training("y"), allocator, 1L));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(
                "training data:2 column 'y': the target is empty in this row; drop or impute such rows",
                e.getMessage());
    }

    @Test
    void tribuoRefusingTheDataIsADataError(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .doubles("x", -1.0, 2.0, 3.0, 4.0)
                .strings("y", "a", "b", "a", "b")
                .build();
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> Fits.fit(Fits.trainer("trainer", "naive-bayes"), table.training("y"), allocator, 1L));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(
                e.getMessage().startsWith("Tribuo's MultinomialNaiveBayesTrainer could not train on this data"),
                e.getMessage());
    }

    private static Model irisLogistic(BufferAllocator allocator) {
        TableData iris = SimpleCsv.read(Datasets.path(Datasets.IRIS));
        return Fits.fit(Fits.trainer("trainer", "logistic-regression"), iris.training("species"), allocator, 1L);
    }
}
