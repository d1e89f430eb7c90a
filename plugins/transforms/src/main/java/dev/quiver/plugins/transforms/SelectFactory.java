package dev.quiver.plugins.transforms;

import dev.quiver.api.config.Option;
import dev.quiver.plugins.transforms.internal.SelectionFactory;
import java.util.List;

/**
 * {@code select}: keeps only the named features, in the order named; the other feature columns leave the
 * batch, the target and non-feature columns stay. An unknown name is a plan-time error with a did-you-mean.
 * Stateless.
 */
public final class SelectFactory extends SelectionFactory {

    public static final Option<List<String>> COLUMNS = Option.strings("columns", List.<String>of())
            .required()
            .describe("The features to keep, in the order the model should see them.");

    public SelectFactory() {
        super(COLUMNS, true);
    }

    @Override
    public String name() {
        return "select";
    }

    @Override
    public String description() {
        return "Keeps only the named features, in the given order.";
    }
}
