package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.data.Source;
import dev.quiver.api.transform.FittedTransform;
import java.util.List;

/**
 * The configured {@code standardize} transform: learns each column's mean and population standard deviation,
 * as scikit-learn's {@code StandardScaler} does. Immutable.
 */
public record Standardize(ColumnChoice choice, boolean withMean, boolean withStd) implements MomentsTransform {

    @Override
    public FittedTransform fit(Source data, List<String> names, Moments[] moments) {
        double[] mean = new double[names.size()];
        double[] scale = new double[names.size()];
        for (int c = 0; c < moments.length; c++) {
            if (!Double.isFinite(moments[c].mean()) || !Double.isFinite(moments[c].variance())) {
                // Finite values whose sum or squared deviations overflow: the variance would read as infinite,
                // the rounding bound too, and the column would pass for constant.
                throw Moments.tooLarge(
                        data,
                        names.get(c),
                        "standardize",
                        "their " + (Double.isFinite(moments[c].mean()) ? "variance" : "mean"));
            }
            mean[c] = withMean ? moments[c].mean() : 0;
            scale[c] = withStd ? scale(moments[c]) : 1;
        }
        return new FittedStandardize(names, mean, scale);
    }

    /**
     * The standard deviation, or 1 for a constant column: a variance within the rounding error its computation
     * could have (scikit-learn's bound) is taken as zero, so constant columns are centred but not blown up.
     */
    private static double scale(Moments m) {
        double n = m.count();
        double var = m.variance();
        double bound = n * Moments.EPS * var + Math.pow(n * m.mean() * Moments.EPS, 2);
        double std = Math.sqrt(var);
        return var <= bound || std < 10 * Moments.EPS ? 1 : std;
    }
}
