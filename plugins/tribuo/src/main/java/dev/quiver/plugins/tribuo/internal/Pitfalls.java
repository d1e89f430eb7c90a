package dev.quiver.plugins.tribuo.internal;

import java.util.List;
import java.util.Optional;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.regression.rtree.CARTRegressionTrainer;

/**
 * Tribuo 4.3.2's known traps, checked on a built trainer so that they are caught however the user reached them
 * (short name, class name, or nested inside another component). Stateless.
 */
public final class Pitfalls {

    /** The option that lets a user train with Tribuo 4.3.2's Adam anyway. */
    public static final String ACKNOWLEDGE_ADAM = "acknowledgeAdamBug";

    /** Above this many rows a CART regression tree gets slow enough to deserve a warning. */
    public static final long CART_REGRESSION_ROWS = 5_000;

    private Pitfalls() {}

    /** Where an {@code Adam} optimiser sits in the trainer, if it has one. */
    public static Optional<List<String>> adam(Object trainer) {
        return ComponentGraph.find(trainer, Adam.class);
    }

    public static String adamRefusal() {
        return "Tribuo 4.3.2's Adam optimiser is broken: it multiplies each step by sqrt(v) + epsilon instead of "
                + "dividing by it (fixed in later Tribuo releases), so it trains a poor model without any error. "
                + "Use org.tribuo.math.optimisers.AdaGrad, RMSProp or SGD instead, or set " + ACKNOWLEDGE_ADAM
                + ": true on the model to train with it anyway";
    }

    public static String adamWarning(List<String> path) {
        return "WARNING: training with Tribuo 4.3.2's Adam (options." + String.join(".", path) + ") because "
                + ACKNOWLEDGE_ADAM + " is true. Its update multiplies by sqrt(v) + epsilon instead of dividing, so "
                + "expect a much worse model than Adam elsewhere would give.";
    }

    /** A warning when a CART regression tree (alone or inside an ensemble) is about to train on many rows. */
    public static Optional<String> slowCartRegression(Object trainer, long rows) {
        if (rows <= CART_REGRESSION_ROWS
                || ComponentGraph.find(trainer, CARTRegressionTrainer.class).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Tribuo 4.3.2's CART regression tree takes time quadratic in the rows of each node "
                + "(about 85 s for 20,000 rows); this data has " + rows + ". Consider limiting maxDepth, or a "
                + "faster trainer: xgboost (quiver-plugin-tribuo-xgboost), linear-sgd, or the native engine.");
    }
}
