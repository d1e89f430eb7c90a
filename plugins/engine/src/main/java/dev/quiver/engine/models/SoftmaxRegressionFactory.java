package dev.quiver.engine.models;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.state.StateReader;
import dev.quiver.engine.nn.Init;
import java.util.List;
import java.util.Set;

/**
 * {@code softmax-regression}: multinomial logistic regression, one logit per class (in the data's class order),
 * trained on cross-entropy (by default with Adam, lr 0.01); predicts per-class probabilities and the most
 * probable label. Stateless.
 */
public final class SoftmaxRegressionFactory implements ModelFactory {

    public static final String NAME = "softmax-regression";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Multi-class softmax regression trained by gradient descent (default: cross-entropy, Adam lr 0.01).";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(LogisticRegressionFactory.INIT);
    }

    @Override
    public boolean trainsIteratively() {
        return true;
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        Init init = Init.of(config.get(LogisticRegressionFactory.INIT));
        return GradientTrainer.linear(
                NAME,
                Set.of(Task.BINARY, Task.MULTICLASS),
                init,
                true,
                0.5,
                false,
                LogisticRegressionFactory.ADAM_LR_001);
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return LinearModel.load(NAME, state);
    }
}
