package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.api.transform.TransformPlan;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.conformance.TransformConformance;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class OneHotTest extends TransformConformance {

    private final OneHotFactory factory = new OneHotFactory();

    @Override
    protected TransformFactory factory() {
        return factory;
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("unknown", "ignore");
    }

    @Test
    void matchesScikitLearnOneHotEncoder(BufferAllocator allocator) {
        try (VectorSchemaRoot out = Fitting.fitApply(factory, MapConfig.of(), Golden.table(), allocator)) {
            Golden.read("one-hot").assertMatches(out);
        }
    }

    @Test
    void replacesTheColumnByItsIndicatorsInPlace(BufferAllocator allocator) {
        TableData table = Golden.table();
        FittedTransform fitted = Fitting.fit(factory, MapConfig.of(), table, allocator);
        assertEquals(
                List.of("age", "income", "const", "color=blue", "color=green", "color=red"),
                fitted.columns(Fitting.columns(table)).features());
        assertEquals(
                List.of("age", "income", "const", "color=blue", "color=green", "color=red", "label"),
                fitted.outputSchema(table.schema()).getFields().stream()
                        .map(Field::getName)
                        .toList());
    }

    @Test
    void planNamesThePlaceholderOfTheIndicatorsUntilFitted() {
        TableData table = Golden.table();
        TransformPlan plan = Fitting.create(factory, MapConfig.of()).plan(table.schema(), Fitting.columns(table));
        Columns planned = plan.columns();
        assertEquals(List.of("age", "income", "const", "color=*"), planned.features());
        assertEquals(Optional.of("label"), planned.target());
        assertEquals(
                List.of("age", "income", "const", "color=*", "label"),
                plan.schema().getFields().stream().map(Field::getName).toList());
        Field indicators = plan.field("color=*").orElseThrow();
        assertTrue(TransformPlan.isPlaceholder(indicators), "the indicators are unknown until fitted");
        assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), indicators.getType());
    }

    @Test
    void anIndicatorNamedLikeAColumnAlreadyThereIsADataError(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .strings("color", "red", "blue")
                .doubles("color=red", 1.0, 0.0)
                .strings("label", "a", "b")
                .build();
        QuiverException e = assertThrows(
                QuiverException.class, () -> Fitting.fit(factory, MapConfig.of("columns", "color"), table, allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(
                e.getMessage().contains("column 'color=red': one-hot would make a column of this name"),
                e.getMessage());
    }

    @Test
    void unknownValueIsADataErrorNamingColumnValueAndRow(BufferAllocator allocator) {
        FittedTransform fitted = Fitting.fit(factory, MapConfig.of(), Golden.table(), allocator);
        try (VectorSchemaRoot probe =
                TableData.builder().strings("color", "red", "purple").build().toRoot(allocator)) {
            QuiverException e = assertThrows(
                    QuiverException.class, () -> fitted.apply(probe, allocator).close());
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(
                    e.getMessage().startsWith("batch row 2 column 'color': the value 'purple' was not seen"),
                    e.getMessage());
            assertEquals(1, e.batchRow(), "the 0-based row, for the runtime to turn into the file's line");
            assertTrue(e.getMessage().contains("[blue, green, red]"), e.getMessage());
        }
    }

    @Test
    void ignoredUnknownValueEncodesAsAllZeros(BufferAllocator allocator) {
        FittedTransform fitted = Fitting.fit(factory, MapConfig.of("unknown", "ignore"), Golden.table(), allocator);
        try (VectorSchemaRoot probe = TableData.builder()
                        .strings("color", "red", "purple")
                        .build()
                        .toRoot(allocator);
                VectorSchemaRoot out = fitted.apply(probe, allocator)) {
            Golden.read("one-hot-unknown").assertMatches(out);
        }
    }

    @Test
    void dropFirstLeavesOutTheFirstCategory(BufferAllocator allocator) {
        try (VectorSchemaRoot out =
                Fitting.fitApply(factory, MapConfig.of("dropFirst", true), Golden.table(), allocator)) {
            assertEquals(null, out.getVector("color=blue"));
            assertEquals(
                    List.of(0.0, 0.0, 1.0),
                    BatchContent.column(out, "color=green").subList(0, 3));
            assertEquals(
                    List.of(1.0, 0.0, 0.0),
                    BatchContent.column(out, "color=red").subList(0, 3));
        }
    }

    @Test
    void integerCategoriesSortNumericallyAndBooleansFalseFirst(BufferAllocator allocator) {
        TableData table = TableData.builder()
                .longs("rooms", 10L, 9L, 2L, 10L)
                .booleans("garden", true, false, true, null)
                .strings("label", "a", "b", "a", "b")
                .build();
        FittedTransform fitted =
                Fitting.fit(factory, MapConfig.of("columns", List.of("rooms", "garden")), table, allocator);
        assertEquals(
                List.of("rooms=2", "rooms=9", "rooms=10", "garden=false", "garden=true"),
                fitted.columns(Fitting.columns(table)).features());
        try (VectorSchemaRoot input = table.toRoot(allocator);
                VectorSchemaRoot out = fitted.apply(input, allocator)) {
            assertEquals(List.of(0.0, 0.0, 1.0, 0.0), BatchContent.column(out, "rooms=2"));
            assertEquals(List.of(0.0, 1.0, 0.0, 0.0), BatchContent.column(out, "rooms=9"));
            assertEquals(List.of(1.0, 0.0, 0.0, 1.0), BatchContent.column(out, "rooms=10"));
            assertEquals(List.of(0.0, 1.0, 0.0, 0.0), BatchContent.column(out, "garden=false"));
            assertEquals(List.of(1.0, 0.0, 1.0, 0.0), BatchContent.column(out, "garden=true"), "missing is zeros");
        }
    }

    @Test
    void refusesFloatingPointColumns() {
        String message = Fitting.planError(factory, MapConfig.of("columns", "age"), Golden.table());
        assertTrue(
                message.contains("'age' is a floating-point column, but one-hot needs text, boolean or integer"),
                message);
    }

    @Test
    void byDefaultEncodesEveryTextFeatureButNotTheTarget(BufferAllocator allocator) {
        TableData table = Golden.table();
        FittedTransform fitted = Fitting.create(factory, MapConfig.of())
                .fit(table, new Columns(List.of("age", "color"), Optional.of("label")), allocator);
        assertEquals(
                List.of("age", "color=blue", "color=green", "color=red"),
                fitted.columns(new Columns(List.of("age", "color"), Optional.of("label")))
                        .features());
    }
}
