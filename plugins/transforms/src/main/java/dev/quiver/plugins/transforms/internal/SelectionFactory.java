package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import java.util.List;

/**
 * What the {@code select} and {@code drop} factories share: one required, non-empty {@code columns} list, made
 * into a {@link Selection} that keeps or removes those features. Stateless.
 */
public abstract class SelectionFactory implements TransformFactory {

    private final Option<List<String>> columns;
    private final boolean keep;

    /**
     * @param columns the {@code columns} option, declared by the subclass so that its description fits
     * @param keep true to keep only the named features, false to remove them
     */
    protected SelectionFactory(Option<List<String>> columns, boolean keep) {
        this.columns = columns;
        this.keep = keep;
    }

    @Override
    public final List<Option<?>> options() {
        return List.of(columns);
    }

    @Override
    public final Transform create(Config config, PluginContext context) {
        List<String> named = config.get(columns);
        if (named.isEmpty()) {
            config.problem(columns.name(), name() + " needs at least one column to " + (keep ? "keep" : "remove"));
        }
        return new Selection(new ColumnChoice(named, config.location(columns.name()), name()), keep);
    }

    @Override
    public final FittedTransform load(StateReader state, PluginContext context) {
        return FittedSelection.load(name(), state);
    }
}
