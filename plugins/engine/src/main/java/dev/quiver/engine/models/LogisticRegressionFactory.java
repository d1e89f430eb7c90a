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
import java.util.Map;
import java.util.Set;

/**
 * {@code logistic-regression}, trained on binary cross-entropy (by default with Adam, lr 0.01).
 *
 * <p>Two classes: one logit, {@code P(class 1) = sigmoid(w x + b)}; the label is class 1 when its probability
 * reaches {@code threshold}.
 *
 * <p>K &gt; 2 classes ({@code multiclass: ovr}, the only choice): one-vs-rest, as scikit-learn's
 * {@code LogisticRegression(multi_class='ovr')}. K logits {@code z_k = w_k x + b_k}, each trained as the binary
 * problem "class k or not" (binary cross-entropy on one-hot targets, all K in one network and one optimizer);
 * the label is the class of the largest {@code z_k}, the probabilities are {@code sigmoid(z_k)} divided by
 * their sum. For a softmax over the classes use {@code softmax-regression}.
 *
 * <p>Stateless; the trainers it creates are immutable.
 */
public final class LogisticRegressionFactory implements ModelFactory {

    public static final String NAME = "logistic-regression";

    private static final String OVR = "ovr";

    static final Option<Double> THRESHOLD = Option.real("threshold", 0.5)
            .above(0)
            .below(1)
            .describe("Two classes: probability of the second class from which it is predicted.");
    /** A string rather than a choice of one, so that a wrong value gets an error that points somewhere useful. */
    static final Option<String> MULTICLASS = Option.string("multiclass", OVR)
            .describe("More than two classes: ovr (the only choice) learns one sigmoid per class against the rest"
                    + " and normalises them to sum to 1; for a softmax use softmax-regression.");
    /** The default optimizer of the linear classifiers, as a pipeline would write it. */
    static final Map<String, Object> ADAM_LR_001 = Map.of("type", "adam", "lr", 0.01);

    static final Option<String> INIT = Option.choice("init", "zeros", "zeros", "xavier", "he", "normal")
            .describe("Initial weights (biases start at zero).");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Logistic regression trained by gradient descent (default: BCE loss, Adam lr 0.01); more than two "
                + "classes one-vs-rest.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(THRESHOLD, INIT, MULTICLASS);
    }

    @Override
    public boolean trainsIteratively() {
        return true;
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        Init init = Init.of(config.get(INIT));
        String multiclass = config.get(MULTICLASS);
        if (!multiclass.equals(OVR)) {
            config.problem(
                    MULTICLASS.name(),
                    "multiclass is '" + multiclass + "', but logistic-regression learns"
                            + " more than two classes only one-vs-rest: write multiclass: ovr, or leave it out."
                            + (multiclass.equalsIgnoreCase("multinomial") || multiclass.equalsIgnoreCase("softmax")
                                    ? " For the multinomial (softmax) model use type: softmax-regression."
                                    : ""));
        }
        return GradientTrainer.linear(
                NAME, Set.of(Task.BINARY, Task.MULTICLASS), init, false, config.get(THRESHOLD), true, ADAM_LR_001);
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return LinearModel.load(NAME, state);
    }
}
