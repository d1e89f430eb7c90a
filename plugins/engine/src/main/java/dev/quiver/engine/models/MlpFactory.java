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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mlp}: a multi-layer perceptron. The output layer and the default loss follow the task (one value and
 * MSE for regression, one logit and BCE for binary, one logit per class and cross-entropy for multi-class); the
 * default optimizer is Adam with PyTorch's defaults (lr 0.001). Stateless.
 */
public final class MlpFactory implements ModelFactory {

    public static final String NAME = "mlp";

    static final Option<List<Integer>> HIDDEN = Option.integers("hidden", List.of(64, 32))
            .atLeast(1)
            .describe("Widths of the hidden layers, input side first.");
    static final Option<String> ACTIVATION = Option.choice("activation", "relu", "relu", "tanh", "sigmoid", "gelu")
            .describe("Non-linearity after each hidden layer (gelu: the exact erf form, PyTorch's default).");
    static final Option<Double> DROPOUT = Option.real("dropout", 0.0)
            .atLeast(0)
            .below(1)
            .describe("Probability of zeroing each hidden activation while training.");
    static final Option<String> INIT = Option.choice("init", "auto", "auto", "zeros", "xavier", "he", "normal")
            .describe("Initial weights; auto: he for relu and gelu layers, xavier otherwise (and for the output).");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Multi-layer perceptron for regression, binary and multi-class tasks (default optimizer Adam lr 0.001).";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(HIDDEN, ACTIVATION, DROPOUT, INIT, LogisticRegressionFactory.THRESHOLD);
    }

    @Override
    public boolean trainsIteratively() {
        return true;
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        int[] hidden = config.get(HIDDEN).stream().mapToInt(Integer::intValue).toArray();
        Activation activation = Activation.of(config.get(ACTIVATION));
        String init = config.get(INIT);
        Init hiddenInit = init.equals("auto")
                ? activation == Activation.RELU || activation == Activation.GELU ? Init.HE : Init.XAVIER
                : Init.of(init);
        Init outputInit = init.equals("auto") ? Init.XAVIER : Init.of(init);
        if (hiddenInit == Init.ZEROS && hidden.length > 0) {
            context.warn("mlp with init: zeros: every hidden unit gets the same gradient and they never differ;"
                    + " prefer he or xavier.");
        }
        return new GradientTrainer(
                NAME,
                Set.of(Task.REGRESSION, Task.BINARY, Task.MULTICLASS),
                hidden,
                activation,
                (float) (double) config.get(DROPOUT),
                hiddenInit,
                outputInit,
                false,
                config.get(LogisticRegressionFactory.THRESHOLD),
                false,
                Map.of("type", "adam"));
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return MlpModel.load(state);
    }
}
