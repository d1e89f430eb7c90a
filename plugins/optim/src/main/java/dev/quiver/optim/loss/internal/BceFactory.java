package dev.quiver.optim.loss.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.internal.FiniteConfig;
import dev.quiver.optim.loss.BceWithLogitsLoss;
import java.util.List;

/** Makes {@link BceWithLogitsLoss}: {@code loss: {type: bce, posWeight: 3.0}}. Stateless. */
public final class BceFactory implements LossFactory {

    static final Option<List<Double>> POS_WEIGHT = Option.reals("posWeight", List.of())
            .atLeast(0)
            .describe("Weight of positive examples: one value, or one per output column (torch pos_weight).");

    @Override
    public String name() {
        return "bce";
    }

    @Override
    public String description() {
        return "Binary cross-entropy on logits (torch.nn.BCEWithLogitsLoss), for binary classification.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(ReductionOption.REDUCTION, POS_WEIGHT);
    }

    @Override
    public Loss create(Config userConfig, PluginContext context) {
        Config config = FiniteConfig.of(userConfig);
        double[] posWeight =
                config.get(POS_WEIGHT).stream().mapToDouble(Double::doubleValue).toArray();
        return new BceWithLogitsLoss(ReductionOption.read(config), posWeight);
    }
}
