package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.TransformConformance;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class SelectTest extends TransformConformance {

    private final SelectFactory factory = new SelectFactory();

    @Override
    protected TransformFactory factory() {
        return factory;
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("columns", List.of("color", "age"));
    }

    @Test
    void keepsTheNamedFeaturesInTheOrderNamed(BufferAllocator allocator) {
        TableData table = Golden.table();
        Columns planned = Fitting.create(factory, config())
                .plan(table.schema(), Fitting.columns(table))
                .columns();
        assertEquals(List.of("color", "age"), planned.features());
        FittedTransform fitted = Fitting.fit(factory, config(), table, allocator);
        assertEquals(planned, fitted.columns(Fitting.columns(table)));
        try (VectorSchemaRoot input = table.toRoot(allocator);
                VectorSchemaRoot out = fitted.apply(input, allocator)) {
            assertEquals(
                    List.of("color", "age", "label"),
                    out.getSchema().getFields().stream().map(Field::getName).toList());
            assertEquals(table.labels("color"), BatchContent.column(out, "color"));
        }
    }

    @Test
    void aTypoGetsADidYouMeanAndTheListOfFeatures() {
        String message = Fitting.planError(factory, MapConfig.of("columns", List.of("colour")), Golden.table());
        assertTrue(
                message.contains("there is no column 'colour'; did you mean 'color'?; the features are "
                        + "[age, income, const, color]"),
                message);
    }

    @Test
    void aMissingKeptColumnAtApplyIsADataError(BufferAllocator allocator) {
        FittedTransform fitted = Fitting.fit(factory, config(), Golden.table(), allocator);
        try (VectorSchemaRoot input = Golden.table().without("age").toRoot(allocator)) {
            QuiverException e = assertThrows(
                    QuiverException.class, () -> fitted.apply(input, allocator).close());
            assertTrue(e.getMessage().contains("column 'age': select keeps this column"), e.getMessage());
            // whoever applies it names where the batch came from, not "batch"
            assertTrue(
                    e.locate("in.csv", 0).getMessage().startsWith("in.csv column 'age': select keeps this column"),
                    e.locate("in.csv", 0).getMessage());
        }
    }

    @Test
    void columnsAreRequired() {
        MapConfig config = MapConfig.of();
        assertThrows(QuiverException.class, () -> factory.create(config, new TestContext()));
        assertEquals(List.of("columns: missing required option 'columns'"), config.messages());
    }
}
