package dev.quiver.optim.loss.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.loss.MaeLoss;
import java.util.List;

/** Makes {@link MaeLoss}: {@code loss: {type: mae, reduction: mean}}. Stateless. */
public final class MaeFactory implements LossFactory {

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public String description() {
        return "Mean absolute error (torch.nn.L1Loss), for regression.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(ReductionOption.REDUCTION);
    }

    @Override
    public Loss create(Config config, PluginContext context) {
        return new MaeLoss(ReductionOption.read(config));
    }
}
