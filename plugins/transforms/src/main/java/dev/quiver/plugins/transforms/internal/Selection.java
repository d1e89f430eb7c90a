package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.data.Source;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformPlan;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The configured {@code select} (keep only the named features, in the order named) and {@code drop} (remove
 * the named features) transforms. Nothing is learned: fitting only fixes which columns go. Immutable.
 *
 * @param keep true for {@code select}, false for {@code drop}
 */
public record Selection(ColumnChoice choice, boolean keep) implements Transform {

    @Override
    public TransformPlan plan(Schema input, Columns columns) {
        // Nothing is learned, so the plan is exactly what the fitted transform will do.
        FittedSelection fitted = fitted(input, columns);
        return new TransformPlan(fitted.outputSchema(input), fitted.columns(columns));
    }

    @Override
    public FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
        return fitted(data.schema(), columns);
    }

    private FittedSelection fitted(Schema schema, Columns columns) {
        List<String> named = choice.resolve(schema, columns, f -> true, "any column", f -> true);
        if (keep) {
            List<String> removed =
                    columns.features().stream().filter(f -> !named.contains(f)).toList();
            return new FittedSelection("select", named, removed);
        }
        return new FittedSelection("drop", List.of(), named);
    }
}
