package dev.quiver.testing.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.TransformConformance;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** {@link dev.quiver.api.transform.ColumnMapTransform} through its README example, against the transform kit. */
class ClipConformanceTest extends TransformConformance {

    @Override
    protected TransformFactory factory() {
        return new ClipFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("min", 30.0, "max", 50000.0);
    }

    @Test
    void clampsTheNumericFeaturesAndKeepsMissingCells(BufferAllocator allocator) {
        Transform clip = factory().create(MapConfig.of("min", 30.0, "max", 50.0), new TestContext());
        TableData table = TableData.builder()
                .doubles("a", 25.0, null, 60.0)
                .longs("b", 10L, 40L, 70L)
                .strings("label", "x", "y", "x")
                .build();
        Columns columns = new Columns(List.of("a", "b"), Optional.of("label"));
        FittedTransform fitted = clip.fit(table, columns, allocator);
        try (VectorSchemaRoot input = table.toRoot(allocator);
                VectorSchemaRoot output = fitted.apply(input, allocator)) {
            assertEquals(Arrays.asList(30.0, null, 50.0), BatchContent.column(output, "a"));
            assertEquals(List.of(30.0, 40.0, 50.0), BatchContent.column(output, "b"));
            assertEquals(List.of("x", "y", "x"), BatchContent.column(output, "label"));
        }
    }

    @Test
    void minAboveMaxIsAProblemAndAMissingColumnIsNamed() {
        MapConfig config = MapConfig.of("min", 2.0, "max", 1.0);
        factory().create(config, new TestContext());
        assertTrue(
                config.messages().stream().anyMatch(m -> m.startsWith("max:")),
                config.messages().toString());
        Transform clip = factory().create(MapConfig.of("columns", List.of("nope")), new TestContext());
        QuiverException e = assertThrows(QuiverException.class, () -> clip.plan(table().schema(), columns()));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("age"), e.getMessage());
    }
}
