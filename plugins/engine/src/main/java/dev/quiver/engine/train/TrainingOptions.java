package dev.quiver.engine.train;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.config.Option;
import dev.quiver.api.config.OptionValues;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.optim.clip.Clipping;
import dev.quiver.optim.clip.GradientClipping;
import dev.quiver.optim.schedule.Schedule;
import dev.quiver.optim.schedule.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code training:} section of a gradient-trained engine model, read and checked once when the model's
 * factory runs. (Checkpoints are the pipeline's top-level {@code checkpoint: {every: N}}, which the runtime
 * reads and offers through {@link dev.quiver.api.model.FitContext#checkpoints()}.) Immutable.
 *
 * @param batchSize rows per optimizer step; 0 means the whole data set ({@code batchSize: full})
 * @param shuffleBuffer 0: shuffle all rows in memory; N: stream through an N-row shuffle buffer
 * @param seed the {@code seed:} given here, else the fit's seed is used
 * @param loss the loss the runtime made from {@code loss:}, if given
 * @param optimizer the optimizer the runtime made from {@code optimizer:}, if given
 * @param earlyStopping null when not configured
 */
public record TrainingOptions(int epochs, int batchSize, boolean shuffle, int shuffleBuffer, OptionalLong seed,
        Schedule schedule, GradientClipping clip, EarlyStopping earlyStopping, Optional<Loss> loss,
        Optional<Optimizer> optimizer) {

    static final String FULL = "full";

    public static final Option<Object> LOSS = Option.any("loss")
            .describe("The loss (a loss plugin name or {type: NAME, ...}); by default the model's task decides.");
    public static final Option<Object> OPTIMIZER = Option.any("optimizer")
            .describe("The optimizer ({type: adam, lr: 0.001}); by default the model's own choice.");
    public static final Option<Integer> EPOCHS = Option.integer("epochs", 100).atLeast(1)
            .describe("Passes over the training rows.");
    public static final Option<Object> BATCH_SIZE = Option.any("batchSize")
            .describe("Rows per step: full (batch gradient descent), 1 (stochastic) or N (mini-batch); default 32.");
    public static final Option<Boolean> SHUFFLE = Option.bool("shuffle", true)
            .describe("Visit the rows in a new random order every epoch.");
    public static final Option<Integer> SHUFFLE_BUFFER = Option.integer("shuffleBuffer", 0).atLeast(0)
            .describe("0: shuffle all rows in memory; N: stream the data through an N-row shuffle buffer.");
    public static final Option<Long> SEED = Option.longInteger("seed", 0)
            .describe("Seed of initial weights, shuffles and dropout; by default the pipeline's seed.");
    public static final Option<Config> SCHEDULE = Option.section("schedule")
            .describe("Learning-rate schedule: {type: step | multi-step | exponential | cosine | warmup-linear"
                    + " | reduce-on-plateau, ...}.");
    public static final Option<Config> CLIP = Option.section("clip")
            .describe("Gradient clipping: {maxNorm: x} or {value: x}.");
    public static final Option<Config> EARLY_STOPPING = Option.section("earlyStopping")
            .describe("{monitor: validation_loss, mode: auto, patience: 5, minDelta: 0, restoreBest: true}.");

    static final int DEFAULT_BATCH_SIZE = 32;

    /** The keys a gradient-trained model accepts under {@code training:}. */
    public static List<Option<?>> options() {
        return List.of(LOSS, OPTIMIZER, EPOCHS, BATCH_SIZE, SHUFFLE, SHUFFLE_BUFFER, SEED, SCHEDULE, CLIP,
                EARLY_STOPPING);
    }

    /** Reads the section, recording every mistake on it. */
    public static TrainingOptions from(TrainingSetup setup) {
        Config config = setup.config();
        int epochs = config.get(EPOCHS);
        int batchSize = batchSize(config);
        boolean shuffle = config.get(SHUFFLE);
        int shuffleBuffer = config.get(SHUFFLE_BUFFER);
        if (shuffleBuffer > 0 && !shuffle) {
            config.problem(SHUFFLE_BUFFER.name(), "shuffleBuffer only matters with shuffle: true; remove one of them");
        }
        if (shuffleBuffer > 0 && batchSize == 0) {
            config.problem(SHUFFLE_BUFFER.name(), "batchSize: full needs every row in memory, so it cannot be"
                    + " combined with a streaming shuffleBuffer");
        }
        OptionalLong seed = config.has(SEED.name()) ? OptionalLong.of(config.get(SEED)) : OptionalLong.empty();
        Config scheduleConfig = config.get(SCHEDULE);
        Schedule schedule = scheduleConfig == null ? Schedules.constant() : Schedules.fromConfig(scheduleConfig);
        Config clipConfig = config.get(CLIP);
        GradientClipping clip = clipConfig == null ? GradientClipping.NONE : Clipping.fromConfig(clipConfig);
        Config esConfig = config.get(EARLY_STOPPING);
        EarlyStopping earlyStopping = esConfig == null ? null : EarlyStopping.fromConfig(esConfig);
        return new TrainingOptions(epochs, batchSize, shuffle, shuffleBuffer, seed, schedule, clip, earlyStopping,
                setup.loss(), setup.optimizer());
    }

    /** Whether each epoch streams the data from its source rather than shuffling it in memory. */
    boolean streams() {
        return batchSize != 0 && (!shuffle || shuffleBuffer > 0);
    }

    private static int batchSize(Config config) {
        Object raw = config.get(BATCH_SIZE);
        if (raw == null) {
            return DEFAULT_BATCH_SIZE;
        }
        if (FULL.equals(raw)) {
            return 0;
        }
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        config.problem(BATCH_SIZE.name(), "batchSize must be 'full' or a whole number >= 1 (1 = stochastic,"
                + " N = mini-batch), got " + OptionValues.describe(raw));
        return DEFAULT_BATCH_SIZE;
    }

    static void rejectUnknownKeys(Config config, String section, List<Option<?>> options) {
        List<String> known = new ArrayList<>();
        options.forEach(o -> known.add(o.name()));
        for (String key : config.keys()) {
            if (!known.contains(key)) {
                config.problem(key, "unknown option '" + key + "' in " + section + DidYouMean.hint(key, known)
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
