package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.InvalidRowException;
import dev.quiver.testing.LeakCheckExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predict checks its input against the saved schema on every path: a missing column, a wrong type, a null or
 * non-finite cell is a {@link QuiverException} of {@code DATA} naming the column (and the row, for a cell), never
 * a raw {@link IllegalArgumentException} or NaN probabilities; extra columns are ignored.
 */
@ExtendWith(LeakCheckExtension.class)
class PredictValidationTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @TempDir
    static Path temp;

    private static Path run;

    @BeforeAll
    static void train() {
        run = temp.resolve("iris");
        PipelinesTest.Result trained =
                PipelinesTest.quiver("run", PIPELINES.resolve("iris.yaml").toString(), "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());
    }

    private static Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        row.put("sepal_length", 5.1);
        row.put("sepal_width", 3.5);
        row.put("petal_length", 1.4);
        row.put("petal_width", 0.2);
        return row;
    }

    private static List<Map<String, Object>> rowsWith(String column, Object value) {
        List<Map<String, Object>> rows = new ArrayList<>(List.of(row(), row(), row()));
        Map<String, Object> bad = row();
        if (value == REMOVE) {
            bad.remove(column);
        } else {
            bad.put(column, value);
        }
        rows.set(2, bad);
        return rows;
    }

    private static final Object REMOVE = new Object();

    private static void assertDataError(Executable call, String... parts) {
        QuiverException e = assertThrows(QuiverException.class, call);
        assertEquals(ErrorCode.DATA, e.code(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void theRowPathNamesTheRowAndColumnOfEveryMistake(BufferAllocator allocator) {
        try (Quiver quiver = Quiver.builder().allocator(allocator).build()) {
            FittedPipeline model = quiver.loadModel(run);
            assertDataError(() -> model.predict(rowsWith("petal_width", REMOVE)), "row 2", "'petal_width'");
            assertDataError(() -> model.predict(rowsWith("sepal_width", "wide")), "row 2", "'sepal_width'", "number");
            assertDataError(() -> model.predict(rowsWith("sepal_width", true)), "row 2", "'sepal_width'");
            assertDataError(() -> model.predict(rowsWith("petal_length", null)), "row 2", "'petal_length'", "missing");
            assertDataError(() -> model.predict(rowsWith("petal_length", Double.NaN)), "row 2", "'petal_length'");
            assertDataError(
                    () -> model.predict(rowsWith("petal_length", Double.POSITIVE_INFINITY)),
                    "row 2",
                    "'petal_length'",
                    "infinite");
            InvalidRowException e = assertThrows(
                    InvalidRowException.class,
                    () -> model.predict(
                            new double[][] {{5.1, 3.5, 1.4, 0.2}, {5.1, Double.NEGATIVE_INFINITY, 1.4, 0.2}}));
            assertEquals(1, e.row());
            assertEquals("sepal_width", e.column());
            assertDataError(() -> model.predict(new double[][] {{5.1, 3.5, 1.4}}), "row 0", "3 values", "needs 4");
            assertDataError(() -> model.predictColumns(Map.of("sepal_length", new double[] {5.1})), "'sepal_width'");
            assertDataError(
                    () -> model.predictColumns(Map.of(
                            "sepal_length", new double[] {5.1, 5.0},
                            "sepal_width", new double[] {3.5},
                            "petal_length", new double[] {1.4},
                            "petal_width", new double[] {0.2})),
                    "values");
        }
    }

    @Test
    void extraColumnsAreIgnoredAndGoodRowsPredictFiniteProbabilities(BufferAllocator allocator) {
        try (Quiver quiver = Quiver.builder().allocator(allocator).build()) {
            FittedPipeline model = quiver.loadModel(run);
            Map<String, Object> row = row();
            row.put("species", "setosa");
            row.put("id", 17L);
            row.put("prediction", "not read");
            var p = model.predict(List.of(row, row())).get(0);
            assertEquals("setosa", p.label());
            double sum = 0;
            for (double v : p.probabilities().values()) {
                assertTrue(Double.isFinite(v) && v >= 0 && v <= 1, p.toString());
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void theArrowPathNamesTheColumnOfAWrongTypeAndTheRowOfABadCell(BufferAllocator allocator) {
        try (Quiver quiver = Quiver.builder().allocator(allocator).build()) {
            FittedPipeline model = quiver.loadModel(run);
            List<String> names = model.featureNames();
            for (int bad = 0; bad < 3; bad++) {
                int badRow = bad;
                try (VectorSchemaRoot input = floats(names, allocator)) {
                    Float8Vector width = (Float8Vector) input.getVector("sepal_width");
                    switch (badRow) {
                        case 0 -> width.setNull(1);
                        case 1 -> width.set(1, Double.NaN);
                        default -> width.set(1, Double.NEGATIVE_INFINITY);
                    }
                    InvalidRowException e =
                            assertThrows(InvalidRowException.class, () -> model.predict(input, allocator));
                    assertEquals(1, e.row());
                    assertEquals("sepal_width", e.column());
                }
            }
            List<FieldVector> vectors = new ArrayList<>();
            for (String name : names) {
                if (name.equals("petal_width")) {
                    BitVector bits = new BitVector(name, allocator);
                    bits.allocateNew(2);
                    bits.setValueCount(2);
                    vectors.add(bits);
                } else {
                    vectors.add(column(name, allocator));
                }
            }
            try (VectorSchemaRoot input = new VectorSchemaRoot(vectors)) {
                assertDataError(() -> model.predict(input, allocator), "'petal_width'");
            }
            try (VectorSchemaRoot input = new VectorSchemaRoot(List.of(column("sepal_length", allocator)))) {
                assertDataError(() -> model.predict(input, allocator), "'sepal_width'");
            }
        }
    }

    private static VectorSchemaRoot floats(List<String> names, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        for (String name : names) {
            vectors.add(column(name, allocator));
        }
        return new VectorSchemaRoot(vectors);
    }

    private static Float8Vector column(String name, BufferAllocator allocator) {
        Float8Vector v = new Float8Vector(name, allocator);
        v.allocateNew(2);
        v.set(0, 1.0);
        v.set(1, 2.0);
        v.setValueCount(2);
        return v;
    }
}
