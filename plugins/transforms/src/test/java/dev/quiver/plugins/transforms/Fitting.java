package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Shortcuts the transform tests share: create, plan and fit a transform on a table whose target is "label". */
final class Fitting {

    private Fitting() {}

    static Columns columns(TableData table) {
        return new Columns(
                table.columnNames().stream().filter(c -> !c.equals("label")).toList(), Optional.of("label"));
    }

    static Transform create(TransformFactory factory, MapConfig config) {
        Transform transform = factory.create(config, new TestContext());
        config.assertNoProblems();
        return transform;
    }

    static FittedTransform fit(TransformFactory factory, MapConfig config, TableData table, BufferAllocator allocator) {
        Transform transform = create(factory, config);
        transform.plan(table.schema(), columns(table));
        return transform.fit(table.withBatchSize(5), columns(table), allocator);
    }

    /** Fits on {@code table} and applies to all of it; the caller closes the result. */
    static VectorSchemaRoot fitApply(
            TransformFactory factory, MapConfig config, TableData table, BufferAllocator allocator) {
        FittedTransform fitted = fit(factory, config, table, allocator);
        try (VectorSchemaRoot input = table.toRoot(allocator)) {
            return fitted.apply(input, allocator);
        }
    }

    /** The message of the configuration error that planning {@code config} on {@code table} raises. */
    static String planError(TransformFactory factory, MapConfig config, TableData table) {
        Transform transform = create(factory, config);
        QuiverException e = assertThrows(QuiverException.class, () -> transform.plan(table.schema(), columns(table)));
        assertEquals(ErrorCode.CONFIG, e.code());
        return e.getMessage();
    }
}
