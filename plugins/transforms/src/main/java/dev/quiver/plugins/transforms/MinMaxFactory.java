package dev.quiver.plugins.transforms;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.plugins.transforms.internal.ColumnChoice;
import dev.quiver.plugins.transforms.internal.FittedMinMax;
import dev.quiver.plugins.transforms.internal.MinMax;
import java.util.List;

/**
 * {@code min-max}: maps each column's training minimum and maximum onto {@code range} linearly, as
 * scikit-learn's {@code MinMaxScaler}. A constant column maps to the range's low end; missing cells stay
 * missing; values outside the training interval land outside the range (no clipping). Stateless.
 */
public final class MinMaxFactory implements TransformFactory {

    public static final Option<List<String>> COLUMNS = Option.strings("columns", List.<String>of())
            .describe("The feature columns to rescale; by default every numeric feature.");
    public static final Option<List<Double>> RANGE =
            Option.reals("range", List.of(0.0, 1.0)).describe("The target interval [low, high].");

    @Override
    public String name() {
        return "min-max";
    }

    @Override
    public String description() {
        return "Rescales numeric features linearly onto a range, [0, 1] by default.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COLUMNS, RANGE);
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        ColumnChoice columns = new ColumnChoice(config.get(COLUMNS), config.location(COLUMNS.name()), name());
        List<Double> range = config.get(RANGE);
        if (range.size() != 2
                || !(range.get(0) < range.get(1))
                || range.stream().anyMatch(v -> v.isInfinite())) {
            config.problem(RANGE.name(), "range must be two finite numbers [low, high] with low < high, got " + range);
            range = RANGE.defaultValue();
        }
        return new MinMax(columns, range.get(0), range.get(1));
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return FittedMinMax.load(state);
    }
}
