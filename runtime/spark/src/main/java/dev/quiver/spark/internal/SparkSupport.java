package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code execution: {engine: spark}} can run so far, checked before Spark starts: every limit the pipeline
 * meets is reported at once, as one config error, with the key to change. Anything outside these limits would
 * otherwise be fitted differently from a local run, so it is refused rather than approximated. Stateless.
 */
public final class SparkSupport {

    static final String LINEAR_REGRESSION = "linear-regression";
    static final String LOGISTIC_REGRESSION = "logistic-regression";
    static final String SOFTMAX_REGRESSION = "softmax-regression";
    static final String MLP = "mlp";
    /**
     * The models Spark trains: linear ones, whose gradient {@link GradientSum} computes in closed form, and the
     * engine's network, run forward and backward in tasks by {@link NetworkGradient}.
     */
    static final Set<String> MODELS = Set.of(LINEAR_REGRESSION, LOGISTIC_REGRESSION, SOFTMAX_REGRESSION, MLP);

    /** Fitted over the source's Arrow batches ({@link SourceTransformFits}), so they come before the scalers. */
    static final Set<String> SOURCE_TRANSFORMS = Set.of(SourceTransformFits.IMPUTE, SourceTransformFits.ONE_HOT);
    /** Fitted over the numeric blocks. */
    static final Set<String> BLOCK_TRANSFORMS = Set.of("standardize", "min-max");

    static final Set<String> TRANSFORMS = Set.of("standardize", "min-max", "impute", "one-hot");

    private SparkSupport() {}

    public static void check(Pipeline pipeline) {
        List<String> limits = new ArrayList<>();
        // Refused here, before Spark starts or any row is read: a split, folds or a search on the driver would
        // read the whole source locally, the very thing a Spark run is for avoiding.
        if (pipeline.search().isPresent()) {
            limits.add("tune: a search is not run on Spark yet; tune locally on a sample, then run the best"
                    + " trial's values on Spark (remove tune:)");
        }
        SplitSpec split = pipeline.data().split();
        List<String> held = new ArrayList<>();
        if (split.test() > 0) {
            held.add("split.test: " + split.test());
        }
        if (split.validation() > 0) {
            held.add("split.validation: " + split.validation());
        }
        if (split.folds() > 0) {
            held.add("split.validation.folds: " + split.folds());
        }
        if (!held.isEmpty()) {
            limits.add(String.join(", ", held) + ": Spark trains on every row and holds none out or folds them"
                    + " yet; set split: none (keep test rows in a file of their own and score them with quiver"
                    + " evaluate)");
        }
        boolean scaled = false;
        for (Named<?> transform : pipeline.data().transforms()) {
            if (SOURCE_TRANSFORMS.contains(transform.type())) {
                if (scaled) {
                    limits.add("transform '" + transform.type() + "' after standardize or min-max: on Spark "
                            + "impute and one-hot come first (move it up the transforms: list)");
                }
                continue;
            }
            scaled |= BLOCK_TRANSFORMS.contains(transform.type());
            if (!TRANSFORMS.contains(transform.type())) {
                limits.add("transform '" + transform.type() + "' is not fitted on Spark yet (Spark fits "
                        + String.join(", ", TRANSFORMS.stream().sorted().toList()) + ")");
            } else if (transform.options().containsKey("columns")) {
                limits.add("transform '" + transform.type() + "': columns: is not supported on Spark yet (it"
                        + " transforms every feature)");
            } else if (transform.type().equals("standardize")
                    && !transform.options().isEmpty()) {
                limits.add("transform 'standardize': withMean and withStd are not supported on Spark yet");
            }
        }
        String model = pipeline.model().trainer().type();
        if (!MODELS.contains(model)) {
            limits.add("model '" + model + "' is not trained on Spark yet (Spark trains "
                    + String.join(", ", MODELS.stream().sorted().toList()) + ")");
        } else if (model.equals(LINEAR_REGRESSION)) {
            checkLinearRegression(pipeline, limits);
        } else {
            checkGradientDescent(pipeline, limits);
        }
        if (!limits.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    pipeline.file() + ": execution: spark cannot run this pipeline yet:\n  - "
                            + String.join("\n  - ", limits)
                            + "\nRemove execution: to run it on this machine.");
        }
    }

    private static void checkLinearRegression(Pipeline pipeline, List<String> limits) {
        Map<String, Object> model = pipeline.model().trainer().options();
        if (!gradientDescent(pipeline)) {
            if (Boolean.FALSE.equals(model.get("fitIntercept"))
                    || (model.get("l2") instanceof Number l2 && l2.doubleValue() != 0)) {
                limits.add("model.fitIntercept and model.l2 are not supported on Spark yet");
            }
            return;
        }
        checkGradientDescent(pipeline, limits);
    }

    /** Limits of every model Spark trains by gradient descent. */
    private static void checkGradientDescent(Pipeline pipeline, List<String> limits) {
        Map<String, Object> model = pipeline.model().trainer().options();
        if (pipeline.model().trainer().type().equals(MLP)) {
            // The initial weights are drawn on the driver as the engine draws them; dropout masks are drawn per
            // local batch row, which a task does not know.
            if (model.get("dropout") instanceof Number d && d.doubleValue() > 0) {
                limits.add("model.dropout: must be 0 on Spark (its masks follow the local batches' rows)");
            }
        } else if (model.containsKey("init") && !"zeros".equals(model.get("init"))) {
            limits.add("model.init: only zeros on Spark (the local run's random initial weights are not shipped)");
        }
        Map<String, Object> training = pipeline.model().trainingOptions();
        if (training.containsKey("schedule") || training.containsKey("earlyStopping")) {
            limits.add("training.schedule and training.earlyStopping are not applied on Spark yet");
        }
        if (training.containsKey("clip")) {
            limits.add("training.clip is not applied on Spark yet");
        }
        if (training.get("loss") instanceof Map<?, ?>) {
            limits.add("training.loss: give the loss by name on Spark (each task makes it with its defaults)");
        }
        if (training.containsKey("checkpoint") || pipeline.model().checkpointEvery() > 0) {
            limits.add("checkpoint: is not written on Spark yet");
        }
    }

    /** Whether the pipeline's linear regression trains by gradient descent ({@code solver: gd}). */
    static boolean gradientDescent(Pipeline pipeline) {
        return "gd".equals(pipeline.model().trainer().options().get("solver"));
    }
}
