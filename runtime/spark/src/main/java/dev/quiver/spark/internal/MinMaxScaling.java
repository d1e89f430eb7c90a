package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.spark.FeatureBlock;
import java.io.Serializable;
import java.util.List;

/**
 * {@code min-max} fitted from distributed column statistics, with the transforms plugin's own rule ({@code x *
 * scale + offset}; a column whose range is under 10 float64 ulps of 1 is treated as constant and maps onto the
 * low end). Immutable; broadcast into tasks as part of their closure.
 */
record MinMaxScaling(double[] min, double[] max, double[] scale, double[] offset) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final double EPS = Math.ulp(1.0);

    static MinMaxScaling fit(ColumnMoments moments, double[] range, List<String> features) {
        int width = features.size();
        double[] min = new double[width];
        double[] max = new double[width];
        double[] scale = new double[width];
        double[] offset = new double[width];
        for (int c = 0; c < width; c++) {
            min[c] = moments.min(c);
            max[c] = moments.max(c);
            double spread = max[c] - min[c];
            if (!Double.isFinite(spread)) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "min-max of '" + features.get(c) + "': the range " + min[c] + " to " + max[c]
                                + " overflows float64; divide the column by a power of ten first.");
            }
            double divisor = spread < 10 * EPS ? 1 : spread;
            scale[c] = (range[1] - range[0]) / divisor;
            offset[c] = range[0] - min[c] * scale[c];
        }
        return new MinMaxScaling(min, max, scale, offset);
    }

    FeatureBlock apply(FeatureBlock block) {
        double[] in = block.features();
        double[] out = new double[in.length];
        int width = scale.length;
        for (int i = 0; i < in.length; i++) {
            int c = i % width;
            out[i] = in[i] * scale[c] + offset[c];
        }
        return new FeatureBlock(block.rows(), block.width(), out, block.target());
    }
}
