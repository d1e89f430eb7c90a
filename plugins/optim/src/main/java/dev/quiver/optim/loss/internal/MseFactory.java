package dev.quiver.optim.loss.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.loss.MseLoss;
import java.util.List;

/** Makes {@link MseLoss}: {@code loss: {type: mse, reduction: mean}}. Stateless. */
public final class MseFactory implements LossFactory {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public String description() {
        return "Mean squared error (torch.nn.MSELoss), for regression.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(ReductionOption.REDUCTION);
    }

    @Override
    public Loss create(Config config, PluginContext context) {
        return new MseLoss(ReductionOption.read(config));
    }
}
