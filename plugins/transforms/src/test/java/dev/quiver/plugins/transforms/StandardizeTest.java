package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.transform.TransformFactory;
import dev.quiver.plugins.transforms.internal.Vectors;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.TransformConformance;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class StandardizeTest extends TransformConformance {

    private final StandardizeFactory factory = new StandardizeFactory();

    @Override
    protected TransformFactory factory() {
        return factory;
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of();
    }

    @Test
    void matchesScikitLearnStandardScaler(BufferAllocator allocator) {
        try (VectorSchemaRoot out = Fitting.fitApply(factory, MapConfig.of(), Golden.table(), allocator)) {
            Golden.read("standardize").assertMatches(out);
        }
    }

    @Test
    void withoutMeanOnlyScales(BufferAllocator allocator) {
        try (VectorSchemaRoot out =
                Fitting.fitApply(factory, MapConfig.of("withMean", false), Golden.table(), allocator)) {
            Golden.read("standardize-no-mean").assertMatches(out);
        }
    }

    @Test
    void withoutStdOnlyCentres(BufferAllocator allocator) {
        try (VectorSchemaRoot out = Fitting.fitApply(
                factory, MapConfig.of("withStd", false, "columns", "income"), Golden.table(), allocator)) {
            double mean = Golden.table().doubles("income")[0]
                    - (Double) out.getVector("income").getObject(0);
            assertEquals(56083.333333333336, mean, 1e-9);
        }
    }

    @Test
    void integerColumnsBecomeFloat64AndMissingCellsStayMissing(BufferAllocator allocator) {
        try (VectorSchemaRoot out = Fitting.fitApply(factory, MapConfig.of(), Golden.table(), allocator)) {
            assertEquals(Vectors.FLOAT64, out.getSchema().findField("income").getType());
            assertTrue(out.getVector("age").isNull(2));
            assertEquals("red", out.getVector("color").getObject(0).toString(), "text passes through");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void constantColumnKeepsScaleOne(BufferAllocator allocator) {
        Map<String, Object> columns =
                (Map<String, Object>) Fitting.fit(factory, MapConfig.of(), Golden.table(), allocator)
                        .describe()
                        .get("columns");
        assertEquals(Map.of("mean", 3.0, "scale", 1.0), columns.get("const"));
        assertEquals(List.of("age", "income", "const"), List.copyOf(columns.keySet()));
    }

    @Test
    void namingAnUnknownColumnSuggestsTheNearestFeature() {
        String message = Fitting.planError(factory, MapConfig.of("columns", List.of("incme")), Golden.table());
        assertTrue(message.contains("there is no column 'incme'; did you mean 'income'?"), message);
        assertTrue(message.contains("[age, income, const, color]"), message);
    }

    @Test
    void refusesTextColumnsAndTheTarget() {
        String message = Fitting.planError(factory, MapConfig.of("columns", List.of("color", "label")), Golden.table());
        assertTrue(message.contains("'color' is a text column, but standardize needs numeric columns"), message);
        assertTrue(message.contains("'label' is the target; standardize works on features only"), message);
    }
}
