package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.TransformConformance;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class DropTest extends TransformConformance {

    private final DropFactory factory = new DropFactory();

    @Override
    protected TransformFactory factory() {
        return factory;
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("columns", List.of("const", "color"));
    }

    @Test
    void removesTheNamedFeatures(BufferAllocator allocator) {
        TableData table = Golden.table();
        FittedTransform fitted = Fitting.fit(factory, config(), table, allocator);
        assertEquals(
                List.of("age", "income"), fitted.columns(Fitting.columns(table)).features());
        try (VectorSchemaRoot input = table.toRoot(allocator);
                VectorSchemaRoot out = fitted.apply(input, allocator)) {
            assertEquals(
                    List.of("age", "income", "label"),
                    out.getSchema().getFields().stream().map(Field::getName).toList());
        }
    }

    @Test
    void cannotDropTheTarget() {
        String message = Fitting.planError(factory, MapConfig.of("columns", "label"), Golden.table());
        assertTrue(message.contains("'label' is the target; drop works on features only"), message);
    }

    @Test
    void droppingTwiceIsAProblem() {
        String message = Fitting.planError(factory, MapConfig.of("columns", List.of("age", "age")), Golden.table());
        assertTrue(message.contains("column 'age' is listed twice"), message);
    }

    @Test
    void anEmptyListIsAProblemForDropAndSelect() {
        for (TransformFactory f : List.of(new DropFactory(), new SelectFactory())) {
            MapConfig config = MapConfig.of("columns", List.of());
            f.create(config, new TestContext());
            assertEquals(1, config.messages().size(), f.name());
            assertTrue(
                    config.messages()
                            .get(0)
                            .contains(f.name() + " needs at least one column to "
                                    + (f.name().equals("drop") ? "remove" : "keep")),
                    config.messages().toString());
        }
    }
}
