package dev.quiver.plugins.transforms;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.plugins.transforms.internal.ColumnChoice;
import dev.quiver.plugins.transforms.internal.FittedStandardize;
import dev.quiver.plugins.transforms.internal.Standardize;
import java.util.List;

/**
 * {@code standardize}: z-scores, {@code (x - mean) / std} with the population standard deviation, as
 * scikit-learn's {@code StandardScaler}. A constant column gets scale 1; missing cells stay missing; the
 * rewritten columns are float64. Stateless.
 */
public final class StandardizeFactory implements TransformFactory {

    public static final Option<List<String>> COLUMNS = Option.strings("columns", List.<String>of())
            .describe("The feature columns to standardize; by default every numeric feature.");
    public static final Option<Boolean> WITH_MEAN = Option.bool("withMean", true)
            .describe("Subtract each column's mean (false keeps sparse-like columns' zeros).");
    public static final Option<Boolean> WITH_STD =
            Option.bool("withStd", true).describe("Divide by each column's standard deviation.");

    @Override
    public String name() {
        return "standardize";
    }

    @Override
    public String description() {
        return "Rescales numeric features to zero mean and unit variance (z-scores).";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COLUMNS, WITH_MEAN, WITH_STD);
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        ColumnChoice columns = new ColumnChoice(config.get(COLUMNS), config.location(COLUMNS.name()), name());
        return new Standardize(columns, config.get(WITH_MEAN), config.get(WITH_STD));
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return FittedStandardize.load(state);
    }
}
