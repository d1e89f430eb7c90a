package dev.quiver.plugins.tribuo.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.regression.Regressor;

/**
 * The weights of Tribuo's linear SGD models in Quiver's layout for {@code quiver inspect}: {@code weight} as
 * {@code [outputs][features]} in the model's feature order (Tribuo sorts features by name) and class order, and
 * {@code bias} as {@code [outputs]}. Stateless.
 */
final class LinearWeights {

    private LinearWeights() {}

    static <T extends Output<T>> Optional<Map<String, Object>> of(
            Model<T> model, List<String> features, List<String> classes, String regressionDimension) {
        if (!(model instanceof AbstractLinearSGDModel<?> linear)) {
            return Optional.empty();
        }
        DenseMatrix w = linear.getWeightsCopy();
        ImmutableFeatureMap featureIds = model.getFeatureIDMap();
        if (w.getDimension2Size() != featureIds.size() + 1) {
            return Optional.empty();
        }
        int[] outputRows = outputRows(model.getOutputIDInfo(), classes, regressionDimension);
        int biasColumn = featureIds.size();
        double[][] weight = new double[outputRows.length][features.size()];
        double[] bias = new double[outputRows.length];
        for (int o = 0; o < outputRows.length; o++) {
            for (int f = 0; f < features.size(); f++) {
                int id = featureIds.getID(features.get(f));
                // A feature that was never present in training has no column: Tribuo ignores it, weight 0.
                weight[o][f] = id < 0 ? 0.0 : w.get(outputRows[o], id);
            }
            bias[o] = w.get(outputRows[o], biasColumn);
        }
        return Optional.of(Map.of("weight", weight, "bias", bias));
    }

    /** Tribuo's row of each output, in Quiver's output order. */
    @SuppressWarnings("unchecked")
    private static int[] outputRows(ImmutableOutputInfo<?> info, List<String> classes, String dimension) {
        if (!classes.isEmpty()) {
            ImmutableOutputInfo<Label> labels = (ImmutableOutputInfo<Label>) info;
            return classes.stream().mapToInt(c -> labels.getID(new Label(c))).toArray();
        }
        ImmutableOutputInfo<Regressor> regressors = (ImmutableOutputInfo<Regressor>) info;
        return new int[] {regressors.getID(new Regressor(dimension, Double.NaN))};
    }
}
