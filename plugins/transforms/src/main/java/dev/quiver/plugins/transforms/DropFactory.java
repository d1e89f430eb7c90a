package dev.quiver.plugins.transforms;

import dev.quiver.api.config.Option;
import dev.quiver.plugins.transforms.internal.SelectionFactory;
import java.util.List;

/**
 * {@code drop}: removes the named features from the batch and the feature list. An unknown name is a
 * plan-time error with a did-you-mean; the target cannot be dropped. Stateless.
 */
public final class DropFactory extends SelectionFactory {

    public static final Option<List<String>> COLUMNS =
            Option.strings("columns", List.<String>of()).required().describe("The features to remove.");

    public DropFactory() {
        super(COLUMNS, false);
    }

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public String description() {
        return "Removes the named features.";
    }
}
