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
 * {@code linear-regression}: least squares in closed form (the default), optionally ridge-penalised; or, with
 * {@code solver: gd}, gradient descent on MSE under the {@code training:} section (default optimizer SGD with
 * lr 0.01, the textbook's plain gradient descent). Stateless.
 */
public final class LinearRegressionFactory implements ModelFactory {

    public static final String NAME = "linear-regression";

    static final Option<String> SOLVER = Option.choice("solver", "least-squares", "least-squares", "gd")
            .describe("least-squares: exact closed-form fit (Givens QR in double precision); gd: gradient descent"
                    + " with the training: section (default: MSE loss, SGD lr 0.01)");
    static final Option<Boolean> FIT_INTERCEPT =
            Option.bool("fitIntercept", true).describe("learn a bias term; false forces the fit through the origin");
    static final Option<Double> L2 = Option.real("l2", 0.0)
            .atLeast(0)
            .describe("ridge penalty l2 * ||w||^2 added to the sum of squared errors (scikit-learn's Ridge alpha);"
                    + " the intercept is not penalised");

    static final Option<String> INIT = Option.choice("init", "zeros", "zeros", "xavier", "he", "normal")
            .describe("solver gd: initial weights (the bias starts at zero)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Linear regression: exact least squares (optionally ridge), or gradient descent.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(SOLVER, FIT_INTERCEPT, L2, INIT);
    }

    /** With {@code solver: gd}; least squares declares no {@link Trainer#training()}, so a section is ignored. */
    @Override
    public boolean trainsIteratively() {
        return true;
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        String solver = config.get(SOLVER);
        boolean fitIntercept = config.get(FIT_INTERCEPT);
        double l2 = config.get(L2);
        Init init = Init.of(config.get(INIT));
        if (solver.equals("least-squares")) {
            if (config.has(INIT.name())) {
                config.problem(INIT.name(), "init only applies to solver: gd; least squares has no initial weights");
            }
            // No training(): the runtime still checks a training: section's types, and warns that it is ignored.
            return new LeastSquaresTrainer(fitIntercept, l2);
        }
        if (!fitIntercept || l2 > 0) {
            config.problem(
                    fitIntercept ? L2.name() : FIT_INTERCEPT.name(),
                    "fitIntercept and l2 apply to solver:"
                            + " least-squares; with gd use the optimizer's weightDecay instead of l2");
        }
        return GradientTrainer.linear(
                NAME, Set.of(Task.REGRESSION), init, false, 0.5, false, Map.of("type", "sgd", "lr", 0.01));
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return LinearModel.load(NAME, state);
    }
}
