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
 * {@code select}: keeps only the named features, in the order named; the other feature columns leave the
 * batch, the target and non-feature columns stay. An unknown name is a plan-time error with a did-you-mean.
 * Stateless.
 */
public final class SelectFactory implements TransformFactory {

    public static final Option<List<String>> COLUMNS = Option.strings("columns", List.<String>of()).required()
            .describe("The features to keep, in the order the model should see them.");

    @Override
    public String name() {
        return "select";
    }

    @Override
    public String description() {
        return "Keeps only the named features, in the given order.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COLUMNS);
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        List<String> columns = config.get(COLUMNS);
        if (columns.isEmpty()) {
            config.problem(COLUMNS.name(), "select needs at least one column to keep");
        }
        return new Selection(new ColumnChoice(columns, config.location(COLUMNS.name()), name()), true);
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return FittedSelection.load(name(), state);
    }
}
