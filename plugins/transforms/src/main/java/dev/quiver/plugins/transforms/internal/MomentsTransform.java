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
 * A scaler fitted from one {@link Moments} scan of its chosen numeric columns ({@code standardize},
 * {@code min-max}): the plan (those columns become float64) and the scan are shared, each scaler says only how
 * moments become its {@link NumericMap}. Implementations are immutable records, so thread-safe.
 */
public interface MomentsTransform extends Transform {

    /** Which columns the scaler maps. */
    ColumnChoice choice();

    /**
     * The fitted scaler for {@code names}, whose moments over {@code data} are {@code moments} (same order).
     *
     * @param data the training rows, for messages about a column that cannot be scaled
     */
    FittedTransform fit(Source data, List<String> names, Moments[] moments);

    @Override
    default TransformPlan plan(Schema input, Columns columns) {
        return NumericMap.plan(input, columns, choice().numeric(input, columns));
    }

    @Override
    default FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
        List<String> names = choice().numeric(data.schema(), columns);
        return fit(data, names, Moments.scan(data, names, allocator));
    }
}
