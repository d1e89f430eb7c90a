package dev.quiver.runtime.explain;

/**
 * One input column's permutation importance: how much the score drops when that column's values are shuffled
 * among the rows, in the metric's units (positive: the model relies on the column). Immutable and thread-safe.
 *
 * @param feature the input column, as the pipeline reads it (before transforms)
 * @param mean the mean drop over the repeats
 * @param std the population standard deviation of the drops (as scikit-learn's {@code importances_std})
 * @param drops the drop of each repeat, in repeat order
 */
public record FeatureImportance(String feature, double mean, double std, double[] drops) {

    public FeatureImportance {
        drops = drops.clone();
    }

    @Override
    public double[] drops() {
        return drops.clone();
    }
}
