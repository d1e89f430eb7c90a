package dev.quiver.plugins.transforms;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.config.OptionValues;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.plugins.transforms.internal.ColumnChoice;
import dev.quiver.plugins.transforms.internal.FittedImpute;
import dev.quiver.plugins.transforms.internal.Impute;
import java.util.List;

/**
 * {@code impute}: fills missing cells with each column's mean, median, most frequent value (the smallest on a
 * tie) or a constant, as scikit-learn's {@code SimpleImputer}. Mean and median apply to numeric columns; the
 * other two also to text columns. Numeric results are float64. Stateless.
 */
public final class ImputeFactory implements TransformFactory {

    public static final Option<List<String>> COLUMNS = Option.strings("columns", List.<String>of())
            .describe("The feature columns to fill; by default every numeric feature (and every text feature "
                    + "for most-frequent and constant).");
    public static final Option<String> STRATEGY = Option.choice(
                    "strategy", "mean", "mean", "median", "most-frequent", "constant")
            .describe("How each column's fill value is chosen.");
    public static final Option<Object> FILL_VALUE = Option.any("fillValue")
            .describe("For strategy constant: the value (a number for numeric columns, text for text columns); "
                    + "0 and missing_value by default.");

    @Override
    public String name() {
        return "impute";
    }

    @Override
    public String description() {
        return "Fills missing values with a column's mean, median, most frequent value or a constant.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COLUMNS, STRATEGY, FILL_VALUE);
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        ColumnChoice columns = new ColumnChoice(config.get(COLUMNS), config.location(COLUMNS.name()), name());
        Impute.Strategy strategy = Impute.Strategy.of(config.get(STRATEGY));
        Object raw = config.get(FILL_VALUE);
        Object fill = null;
        if (raw != null && strategy != Impute.Strategy.CONSTANT) {
            config.problem(
                    FILL_VALUE.name(), "fillValue is used only with strategy: constant, not with " + strategy.label());
        } else if (raw instanceof Number n) {
            fill = n.doubleValue();
        } else if (raw instanceof String s) {
            fill = s;
        } else if (raw != null) {
            config.problem(
                    FILL_VALUE.name(), "fillValue must be a number or a text, got " + OptionValues.describe(raw));
        }
        return new Impute(columns, strategy, fill);
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return FittedImpute.load(state);
    }
}
