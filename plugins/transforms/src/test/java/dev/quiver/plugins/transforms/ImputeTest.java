package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.TransformConformance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImputeTest extends TransformConformance {

    private final ImputeFactory factory = new ImputeFactory();

    @Override
    protected TransformFactory factory() {
        return factory;
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("strategy", "most-frequent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mean", "median", "most-frequent"})
    void matchesScikitLearnSimpleImputer(String strategy, BufferAllocator allocator) {
        MapConfig config = MapConfig.of("strategy", strategy, "columns", List.of("age", "income"));
        try (VectorSchemaRoot out = Fitting.fitApply(factory, config, Golden.table(), allocator)) {
            Golden.read("impute-" + strategy).assertMatches(out);
            assertEquals(0, out.getVector("age").getNullCount());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"most-frequent", "constant"})
    void fillsTextColumnsLikeScikitLearn(String strategy, BufferAllocator allocator) {
        MapConfig config = MapConfig.of("strategy", strategy, "columns", "color");
        try (VectorSchemaRoot out = Fitting.fitApply(factory, config, Golden.table(), allocator)) {
            Golden.read("impute-color-" + strategy).assertMatches(out);
        }
    }

    @Test
    void constantFillValueByDefaultReachesBothKinds(BufferAllocator allocator) {
        Map<String, Object> described = Fitting.fit(
                        factory, MapConfig.of("strategy", "constant"), Golden.table(), allocator)
                .describe();
        assertEquals(
                Map.of("fill", Map.of("age", 0.0, "income", 0.0, "const", 0.0, "color", "missing_value")), described);
    }

    @Test
    void numericFillValueSelectsNumericColumnsByDefault(BufferAllocator allocator) {
        MapConfig config = MapConfig.of("strategy", "constant", "fillValue", -1);
        try (VectorSchemaRoot out = Fitting.fitApply(factory, config, Golden.table(), allocator)) {
            assertEquals(-1.0, out.getVector("age").getObject(2));
            assertTrue(out.getVector("color").isNull(3), "text is not filled with a number");
        }
    }

    @Test
    void fillValueWithoutConstantStrategyIsAProblem() {
        MapConfig config = MapConfig.of("strategy", "mean", "fillValue", 3);
        factory.create(config, new TestContext());
        assertEquals(
                List.of("fillValue: fillValue is used only with strategy: constant, not with mean"), config.messages());
    }

    @Test
    void meanOfATextColumnIsRefusedAtPlan() {
        String message = Fitting.planError(factory, MapConfig.of("columns", "color"), Golden.table());
        assertTrue(message.contains("'color' is a text column, but impute needs numeric columns"), message);
    }

    @Test
    void aColumnWithNoValuesIsADataError(BufferAllocator allocator) {
        TableData empty = TableData.builder()
                .doubles("x", null, null)
                .strings("label", "a", "b")
                .build();
        Transform transform = Fitting.create(factory, MapConfig.of());
        QuiverException e =
                assertThrows(QuiverException.class, () -> transform.fit(empty, Fitting.columns(empty), allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("column 'x': the column has no values"), e.getMessage());
    }

    @Test
    void aTextColumnThatOutgrowsTheAllocatorLeavesNothingBehind(BufferAllocator allocator) {
        String[] colors = new String[100];
        TableData table = TableData.builder().strings("color", colors).build();
        Columns columns = new Columns(List.of("color"), Optional.empty());
        Transform transform =
                Fitting.create(factory, MapConfig.of("strategy", "constant", "fillValue", "x".repeat(1000)));
        FittedTransform fitted = transform.fit(table, columns, allocator);
        try (VectorSchemaRoot input = table.toRoot(allocator);
                BufferAllocator small = allocator.newChildAllocator("small", 0, 64 * 1024)) {
            // allocateNew reserves 32 kB, 100 fills of 1000 bytes need 100 kB: setSafe fails growing the data
            // buffer half way, and the half-filled vector must go
            assertThrows(OutOfMemoryException.class, () -> fitted.apply(input, small));
            assertEquals(0, small.getAllocatedMemory());
        }
    }
}
