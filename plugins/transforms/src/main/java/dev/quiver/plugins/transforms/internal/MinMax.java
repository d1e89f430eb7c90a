package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.data.Source;
import dev.quiver.api.transform.FittedTransform;
import java.util.List;

/**
 * The configured {@code min-max} transform: learns each column's minimum and maximum and maps that interval
 * onto {@code [low, high]}, as scikit-learn's {@code MinMaxScaler(feature_range=(low, high))}. Immutable.
 */
public record MinMax(ColumnChoice choice, double low, double high) implements MomentsTransform {

    @Override
    public FittedTransform fit(Source data, List<String> names, Moments[] moments) {
        double[] min = new double[names.size()];
        double[] max = new double[names.size()];
        double[] scale = new double[names.size()];
        double[] offset = new double[names.size()];
        for (int c = 0; c < scale.length; c++) {
            // No values at all: min and max 0 leave the (all missing) column as it is.
            min[c] = moments[c].count() == 0 ? 0 : moments[c].min();
            max[c] = moments[c].count() == 0 ? 0 : moments[c].max();
            if (Double.isInfinite(max[c] - min[c])) {
                // Otherwise the scale would be 0 and every value would map onto `low`, as if the column were constant.
                throw Moments.tooLarge(data, names.get(c), "min-max", "the range " + min[c] + " to " + max[c]);
            }
            // A constant column has no range to stretch; dividing by 1 instead maps it onto `low`.
            double range = max[c] - min[c] < 10 * Moments.EPS ? 1 : max[c] - min[c];
            scale[c] = (high - low) / range;
            offset[c] = low - min[c] * scale[c];
        }
        return new FittedMinMax(names, min, max, scale, offset);
    }
}
