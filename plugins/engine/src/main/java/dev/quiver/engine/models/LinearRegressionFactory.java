package dev.quiver.engine.models;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.state.StateReader;
import java.util.List;

/**
 * {@code linear-regression}: least squares in closed form (the default), optionally ridge-penalised. Stateless.
 */
public final class LinearRegressionFactory implements ModelFactory {

    public static final String NAME = "linear-regression";

    static final Option<String> SOLVER = Option.choice("solver", "least-squares", "least-squares")
            .describe("least-squares: exact closed-form fit (Givens QR in double precision)");
    static final Option<Boolean> FIT_INTERCEPT = Option.bool("fitIntercept", true)
            .describe("learn a bias term; false forces the fit through the origin");
    static final Option<Double> L2 = Option.real("l2", 0.0).atLeast(0)
            .describe("ridge penalty l2 * ||w||^2 added to the sum of squared errors (scikit-learn's Ridge alpha);"
                    + " the intercept is not penalised");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Linear regression: exact least squares (optionally ridge).";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(SOLVER, FIT_INTERCEPT, L2);
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        config.get(SOLVER);
        return new LeastSquaresTrainer(config.get(FIT_INTERCEPT), config.get(L2));
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return LinearModel.load(NAME, state);
    }
}
