package dev.quiver.plugins.bayes;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.state.StateReader;
import dev.quiver.plugins.bayes.internal.NaiveBayesModel;
import dev.quiver.plugins.bayes.internal.NaiveBayesTrainer;
import java.util.List;

/**
 * {@code naive-bayes}: Gaussian, multinomial or Bernoulli naive Bayes classifiers for binary and multiclass
 * targets, numerically equivalent to scikit-learn's {@code GaussianNB}, {@code MultinomialNB} and
 * {@code BernoulliNB}. Trained by counting in one or two passes; no {@code training:} section. Stateless.
 */
public final class NaiveBayesFactory implements ModelFactory {

    /** scikit-learn's floor for {@code alpha}: below it, log(0) would make some classes impossible. */
    static final double MIN_ALPHA = 1e-10;

    public static final Option<String> KIND = Option.choice("kind", "gaussian", "gaussian", "multinomial", "bernoulli")
            .describe("gaussian for real-valued features, multinomial for counts, bernoulli for presence/absence.");
    public static final Option<Double> ALPHA = Option.real("alpha", 1.0)
            .atLeast(0)
            .describe("Additive (Laplace/Lidstone) smoothing of feature counts; multinomial and bernoulli only.");
    public static final Option<Double> VAR_SMOOTHING = Option.real("varSmoothing", 1e-9)
            .atLeast(0)
            .describe("Share of the largest feature variance added to every variance; gaussian only.");
    public static final Option<Double> BINARIZE = Option.real("binarize", 0.0)
            .describe("A feature counts as present when above this threshold; bernoulli only.");
    public static final Option<List<Double>> PRIORS = Option.reals("priors", List.<Double>of())
            .atLeast(0)
            .describe("Class prior probabilities in class order (sorted labels), summing to 1; learned if absent.");
    public static final Option<Boolean> FIT_PRIORS = Option.bool("fitPriors", true)
            .describe("Learn class priors from class frequencies; false makes them uniform.");

    @Override
    public String name() {
        return "naive-bayes";
    }

    @Override
    public String description() {
        return "Naive Bayes classifiers: Gaussian for measurements, multinomial for counts, Bernoulli for flags.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(KIND, ALPHA, VAR_SMOOTHING, BINARIZE, PRIORS, FIT_PRIORS);
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        String kind = config.get(KIND);
        boolean gaussian = kind.equals("gaussian");
        onlyFor(config, ALPHA, !gaussian, "multinomial and bernoulli", kind);
        onlyFor(config, VAR_SMOOTHING, gaussian, "gaussian", kind);
        onlyFor(config, BINARIZE, kind.equals("bernoulli"), "bernoulli", kind);

        double alpha = finite(config, ALPHA);
        if (alpha < MIN_ALPHA && !gaussian) {
            context.warn("naive-bayes: alpha " + alpha + " is too small for numerical stability; using " + MIN_ALPHA);
            alpha = MIN_ALPHA;
        }
        List<Double> priors = config.get(PRIORS);
        double sum = priors.stream().mapToDouble(Double::doubleValue).sum();
        if (!priors.isEmpty() && Math.abs(sum - 1) > 1e-5) {
            config.problem(PRIORS.name(), "priors must sum to 1, but they sum to " + sum);
        }
        return new NaiveBayesTrainer(
                kind,
                alpha,
                finite(config, VAR_SMOOTHING),
                finite(config, BINARIZE),
                priors,
                config.get(FIT_PRIORS),
                config.location(PRIORS.name()));
    }

    /**
     * The option's value, or its default with a recorded problem when infinite: YAML reads {@code .inf} and
     * {@code 1e400} as infinity, which passes {@code >= 0} but would make every probability NaN.
     */
    private static double finite(Config config, Option<Double> option) {
        double value = config.get(option);
        if (Double.isInfinite(value)) {
            config.problem(option.name(), option.name() + " must be a finite number, got " + value);
            return option.defaultValue();
        }
        return value;
    }

    /** Records a problem when the user set an option that {@code kind} does not use. */
    private static void onlyFor(Config config, Option<?> option, boolean applies, String kinds, String kind) {
        if (config.has(option.name()) && !applies) {
            config.problem(option.name(), option.name() + " applies to kind " + kinds + ", not to " + kind);
        }
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return NaiveBayesModel.load(state);
    }
}
