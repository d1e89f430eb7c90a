package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.Source;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformPlan;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The configured {@code min-max} transform: learns each column's minimum and maximum and maps that interval
 * onto {@code [low, high]}, as scikit-learn's {@code MinMaxScaler(feature_range=(low, high))}. Immutable.
 */
public record MinMax(ColumnChoice choice, double low, double high) implements Transform {

    private static final double EPS = Math.ulp(1.0);

    @Override
    public TransformPlan plan(Schema input, Columns columns) {
        return NumericMap.plan(input, columns, choice.numeric(input, columns));
    }

    @Override
    public FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
        List<String> names = choice.numeric(data.schema(), columns);
        double[] min = new double[names.size()];
        double[] max = new double[names.size()];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        Vectors.scanNumeric(data, names, allocator, (c, values, rows) -> {
            for (int r = 0; r < rows; r++) {
                double v = values[r];
                if (!Double.isNaN(v)) {
                    min[c] = Math.min(min[c], v);
                    max[c] = Math.max(max[c], v);
                }
            }
        });
        double[] scale = new double[names.size()];
        double[] offset = new double[names.size()];
        for (int c = 0; c < scale.length; c++) {
            if (min[c] > max[c]) { // no values at all: leave the (all missing) column as it is
                min[c] = 0;
                max[c] = 0;
            }
            if (Double.isInfinite(max[c] - min[c])) {
                // Otherwise the scale would be 0 and every value would map onto `low`, as if the column were constant.
                throw QuiverException.data(data.describe(), 0, names.get(c), "the values are too large for "
                        + "min-max: the range " + min[c] + " to " + max[c] + " overflows float64; divide the column "
                        + "by a power of ten first.");
            }
            // A constant column has no range to stretch; dividing by 1 instead maps it onto `low`.
            double range = max[c] - min[c] < 10 * EPS ? 1 : max[c] - min[c];
            scale[c] = (high - low) / range;
            offset[c] = low - min[c] * scale[c];
        }
        return new FittedMinMax(names, min, max, scale, offset);
    }
}
