package dev.quiver.runtime.pipeline;

/**
 * How rows are divided: fractions for the test and validation sets (0 = none), stratified by class for
 * classification when asked, shuffled with the pipeline seed. {@link #NONE} trains and evaluates on all rows.
 * With {@code folds > 0}, validation is k-fold cross-validation instead of a fixed validation fraction.
 *
 * <p>Immutable and thread-safe.
 */
public record SplitSpec(double test, double validation, boolean stratify, int folds) {

    public static final SplitSpec NONE = new SplitSpec(0, 0, false, 0);

    public boolean isNone() {
        return test == 0 && validation == 0 && folds == 0;
    }
}
