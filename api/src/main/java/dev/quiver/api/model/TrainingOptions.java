package dev.quiver.api.model;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.config.Option;
import dev.quiver.api.config.OptionValues;
import dev.quiver.api.optim.ClipByNorm;
import dev.quiver.api.optim.ClipByValue;
import dev.quiver.api.optim.GradientClipping;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The keys of the {@code training:} section, the same for every iteratively trained model, and the reading of
 * those that name no plugin. The runtime makes {@code loss}, {@code optimizer} and {@code schedule} through their
 * plugins and then calls {@link #read}; tests of a model plugin may do the same with the plugins they depend on.
 * Stateless.
 */
public final class TrainingOptions {

    public static final Option<Object> LOSS = Option.any("loss")
            .describe(
                    "The loss (a loss plugin name or {type: NAME, ...}); by default the model's choice for the task.");
    public static final Option<Object> OPTIMIZER = Option.any("optimizer")
            .describe("The optimizer ({type: adam, lr: 0.001}); by default the model's own choice.");
    public static final Option<Integer> EPOCHS =
            Option.integer("epochs", 100).atLeast(1).describe("Passes over the training rows.");
    /**
     * Optimizer steps in all, instead of {@link #EPOCHS}; only for models that list it in
     * {@link ModelFactory#trainingOptions()} (language models, which count steps rather than passes).
     */
    public static final Option<Integer> STEPS = Option.integer("steps", 0)
            .atLeast(1)
            .describe("Optimizer steps in all, instead of epochs (each step one batch).");

    public static final Option<Object> BATCH_SIZE = Option.any("batchSize")
            .describe("Rows per step: full (batch gradient descent), 1 (stochastic) or N (mini-batch); default 32.");
    public static final Option<Boolean> SHUFFLE =
            Option.bool("shuffle", true).describe("Visit the rows in a new random order every epoch.");
    public static final Option<Integer> SHUFFLE_BUFFER = Option.integer("shuffleBuffer", 0)
            .atLeast(0)
            .describe("0: shuffle all rows in memory; N: stream the data through an N-row shuffle buffer.");
    public static final Option<Long> SEED = Option.longInteger("seed", 0)
            .describe("Seed of initial weights, shuffles and dropout; by default the pipeline's seed.");
    public static final Option<Object> SCHEDULE = Option.any("schedule")
            .describe("Learning-rate schedule, a schedule plugin: {type: step | multi-step | exponential | cosine"
                    + " | warmup-linear | reduce-on-plateau, ...}.");
    public static final Option<Config> CLIP =
            Option.section("clip").describe("Gradient clipping: {maxNorm: x} or {value: x}.");
    public static final Option<Config> EARLY_STOPPING = Option.section("earlyStopping")
            .describe("{monitor: validation_loss, mode: auto, patience: 5, minDelta: 0, restoreBest: true}.");

    public static final Option<Double> MAX_NORM = Option.real("maxNorm", 1.0)
            .above(0)
            .describe("Rescale gradients so that their global L2 norm is at most this (clip_grad_norm_).");
    public static final Option<Double> CLIP_VALUE = Option.real("value", 1.0)
            .above(0)
            .describe("Clamp every gradient element to [-value, value] (clip_grad_value_).");

    static final Option<String> MONITOR = Option.choice(
                    "monitor", EarlyStopping.VALIDATION_LOSS, EarlyStopping.MONITORS.toArray(String[]::new))
            .describe("The per-epoch figure to watch.");
    static final Option<String> MODE = Option.choice("mode", "auto", "auto", "min", "max")
            .describe("min: lower is better; max: higher is better; auto: max for accuracy, min for losses.");
    static final Option<Integer> PATIENCE =
            Option.integer("patience", 5).atLeast(0).describe("Epochs without improvement tolerated before stopping.");
    static final Option<Double> MIN_DELTA =
            Option.real("minDelta", 0.0).atLeast(0).describe("The least change that counts as an improvement.");
    static final Option<Boolean> RESTORE_BEST = Option.bool("restoreBest", true)
            .describe("End with the parameters of the best epoch rather than the last.");

    static final int DEFAULT_BATCH_SIZE = 32;
    private static final String FULL = "full";

    private TrainingOptions() {}

    /** Every key of {@code training:}, for validation and {@code quiver plugins}. */
    public static List<Option<?>> options() {
        return List.of(
                LOSS, OPTIMIZER, EPOCHS, BATCH_SIZE, SHUFFLE, SHUFFLE_BUFFER, SEED, SCHEDULE, CLIP, EARLY_STOPPING);
    }

    /** The options of {@code clip:} and {@code earlyStopping:}, for help texts. */
    public static List<Option<?>> clipOptions() {
        return List.of(MAX_NORM, CLIP_VALUE);
    }

    public static List<Option<?>> earlyStoppingOptions() {
        return List.of(MONITOR, MODE, PATIENCE, MIN_DELTA, RESTORE_BEST);
    }

    /**
     * Reads {@code training} into a setup with the given plugin-made parts, recording every mistake (a wrong
     * type or range, an unknown key, contradicting keys) on {@code training} at its location; a wrong value is
     * replaced by its default, so the result is always usable and the caller decides, from its problems, whether
     * the run may start. Keys outside {@link #options()} are the caller's to report (the runtime names the
     * model in that message).
     *
     * @param training the {@code training:} mapping (empty when absent)
     * @param checkpointEvery the pipeline's {@code checkpoint: {every: N}}, 0 for none
     */
    public static TrainingSetup read(
            Config training, Loss loss, Optimizer optimizer, Schedule schedule, int checkpointEvery) {
        int epochs = training.get(EPOCHS);
        int steps = training.has(STEPS.name()) ? training.get(STEPS) : 0;
        if (steps > 0 && training.has(EPOCHS.name())) {
            training.problem(STEPS.name(), "give either epochs or steps, not both");
        }
        int batchSize = batchSize(training);
        boolean shuffle = training.get(SHUFFLE);
        int shuffleBuffer = training.get(SHUFFLE_BUFFER);
        if (shuffleBuffer > 0 && !shuffle) {
            training.problem(
                    SHUFFLE_BUFFER.name(), "shuffleBuffer only matters with shuffle: true; remove one of" + " them");
        }
        if (shuffleBuffer > 0 && batchSize == TrainingSetup.FULL_BATCH) {
            training.problem(
                    SHUFFLE_BUFFER.name(),
                    "batchSize: full needs every row in memory, so it cannot be"
                            + " combined with a streaming shuffleBuffer");
        }
        OptionalLong seed = training.has(SEED.name()) ? OptionalLong.of(training.get(SEED)) : OptionalLong.empty();
        Config clipConfig = training.get(CLIP);
        GradientClipping clip = clipConfig == null ? GradientClipping.NONE : clip(clipConfig);
        Config stoppingConfig = training.get(EARLY_STOPPING);
        Optional<EarlyStopping> stopping =
                stoppingConfig == null ? Optional.empty() : Optional.of(earlyStopping(stoppingConfig));
        return new TrainingSetup(
                loss,
                optimizer,
                schedule,
                clip,
                epochs,
                batchSize,
                shuffle,
                shuffleBuffer,
                seed,
                stopping,
                checkpointEvery,
                steps);
    }

    /**
     * {@code {maxNorm: x}} or {@code {value: x}}; {@link GradientClipping#NONE} when empty or contradictory. A
     * mistake is recorded on {@code config} and the option's default is used in its place.
     */
    public static GradientClipping clip(Config config) {
        rejectUnknownKeys(config, "clip", clipOptions());
        boolean byNorm = config.has(MAX_NORM.name());
        boolean byValue = config.has(CLIP_VALUE.name());
        double maxNorm = config.get(MAX_NORM);
        double value = config.get(CLIP_VALUE);
        if (byNorm && byValue) {
            config.problem(CLIP_VALUE.name(), "clip takes either maxNorm or value, not both");
            return GradientClipping.NONE;
        }
        if (byNorm) {
            return new ClipByNorm(finite(config, MAX_NORM, maxNorm));
        }
        if (byValue) {
            return new ClipByValue(finite(config, CLIP_VALUE, value));
        }
        return GradientClipping.NONE;
    }

    private static double finite(Config config, Option<Double> option, double value) {
        if (Double.isFinite(value)) {
            return value;
        }
        config.problem(option.name(), "expected a finite number, got " + value);
        return option.defaultValue();
    }

    static EarlyStopping earlyStopping(Config config) {
        rejectUnknownKeys(config, "earlyStopping", earlyStoppingOptions());
        String monitor = config.get(MONITOR);
        String mode = config.get(MODE);
        boolean maximize = mode.equals("auto") ? monitor.equals(EarlyStopping.VALIDATION_ACCURACY) : mode.equals("max");
        double minDelta = config.get(MIN_DELTA);
        if (!Double.isFinite(minDelta)) {
            config.problem(MIN_DELTA.name(), "minDelta must be a finite number");
            minDelta = 0;
        }
        return new EarlyStopping(monitor, maximize, config.get(PATIENCE), minDelta, config.get(RESTORE_BEST));
    }

    private static int batchSize(Config config) {
        Object raw = config.get(BATCH_SIZE);
        if (raw == null) {
            return DEFAULT_BATCH_SIZE;
        }
        if (FULL.equals(raw)) {
            return TrainingSetup.FULL_BATCH;
        }
        if (raw instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= 1
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        config.problem(
                BATCH_SIZE.name(),
                "batchSize must be 'full' or a whole number >= 1 (1 = stochastic," + " N = mini-batch), got "
                        + OptionValues.describe(raw));
        return DEFAULT_BATCH_SIZE;
    }

    private static void rejectUnknownKeys(Config config, String section, List<Option<?>> options) {
        List<String> known = new ArrayList<>();
        options.forEach(o -> known.add(o.name()));
        for (String key : config.keys()) {
            if (!known.contains(key)) {
                config.problem(
                        key,
                        "unknown option '" + key + "' in " + section + DidYouMean.hint(key, known) + " (known: "
                                + String.join(", ", known) + ")");
            }
        }
    }
}
