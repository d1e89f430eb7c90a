package dev.quiver.plugins.transforms;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.plugins.transforms.internal.ColumnChoice;
import dev.quiver.plugins.transforms.internal.FittedSelection;
import dev.quiver.plugins.transforms.internal.Selection;
import java.util.List;

/**
 * {@code drop}: removes the named features from the batch and the feature list. An unknown name is a
 * plan-time error with a did-you-mean; the target cannot be dropped. Stateless.
 */
public final class DropFactory implements TransformFactory {

    public static final Option<List<String>> COLUMNS = Option.strings("columns", List.<String>of()).required()
            .describe("The features to remove.");

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public String description() {
        return "Removes the named features.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COLUMNS);
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        List<String> columns = config.get(COLUMNS);
        if (columns.isEmpty()) {
            config.problem(COLUMNS.name(), "drop needs at least one column to remove");
        }
        return new Selection(new ColumnChoice(columns, config.location(COLUMNS.name()), name()), false);
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return FittedSelection.load(name(), state);
    }
}
