package dev.quiver.engine.models;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.state.StateReader;
import dev.quiver.engine.nn.Activation;
import dev.quiver.engine.nn.Init;
import dev.quiver.engine.train.TrainingOptions;
import dev.quiver.optim.optimizer.Adam;
import java.util.List;
import java.util.Set;

/**
 * {@code logistic-regression}: binary classification with one logit, {@code P(class 1) = sigmoid(w x + b)},
 * trained on binary cross-entropy (by default with Adam, lr 0.01). Predicts both class probabilities and the
 * label, class 1 when its probability reaches {@code threshold}. Stateless.
 */
public final class LogisticRegressionFactory implements ModelFactory {

    public static final String NAME = "logistic-regression";

    static final Option<Double> THRESHOLD = Option.real("threshold", 0.5).above(0).below(1)
            .describe("Probability of the second class from which it is predicted.");
    static final Option<String> INIT = Option.choice("init", "zeros", "zeros", "xavier", "he", "normal")
            .describe("Initial weights (biases start at zero).");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Binary logistic regression trained by gradient descent (default: BCE loss, Adam lr 0.01).";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(THRESHOLD, INIT);
    }

    @Override
    public List<Option<?>> trainingOptions() {
        return TrainingOptions.options();
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        Init init = Init.of(config.get(INIT));
        return new GradientTrainer(NAME, Set.of(Task.BINARY), new int[0], Activation.RELU, 0f, init, init, false,
                config.get(THRESHOLD), new Adam(Adam.Settings.adam().withLr(0.01)),
                TrainingOptions.from(context.training()));
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return LinearModel.load(NAME, state);
    }
}
