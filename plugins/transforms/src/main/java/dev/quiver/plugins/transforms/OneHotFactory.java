package dev.quiver.plugins.transforms;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.plugins.transforms.internal.ColumnChoice;
import dev.quiver.plugins.transforms.internal.FittedOneHot;
import dev.quiver.plugins.transforms.internal.OneHot;
import java.util.List;

/**
 * {@code one-hot}: replaces each categorical column (text, boolean or integer) by float64 indicator columns
 * {@code column=value}, one per value seen in training, in sorted order, at the column's place among the
 * features. A missing cell encodes as all zeros. An unseen value is a data error naming column, value and row,
 * or all zeros with {@code unknown: ignore}. Before fitting, when the values are not known yet, the plan step
 * names the indicators of column {@code c} {@code c=*}. Stateless.
 */
public final class OneHotFactory implements TransformFactory {

    public static final Option<List<String>> COLUMNS = Option.strings("columns", List.<String>of())
            .describe("The categorical feature columns to encode; by default every text feature.");
    public static final Option<String> UNKNOWN = Option.choice("unknown", "error", "error", "ignore")
            .describe("What a value not seen in training does: fail (error) or encode as all zeros (ignore).");
    public static final Option<Boolean> DROP_FIRST = Option.bool("dropFirst", false)
            .describe("Leave out the first category's indicator, which all zeros then imply.");

    @Override
    public String name() {
        return "one-hot";
    }

    @Override
    public String description() {
        return "Encodes categorical features as 0/1 indicator columns, one per category.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COLUMNS, UNKNOWN, DROP_FIRST);
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        ColumnChoice columns = new ColumnChoice(config.get(COLUMNS), config.location(COLUMNS.name()), name());
        return new OneHot(columns, config.get(UNKNOWN).equals("ignore"), config.get(DROP_FIRST));
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return FittedOneHot.load(state);
    }
}
