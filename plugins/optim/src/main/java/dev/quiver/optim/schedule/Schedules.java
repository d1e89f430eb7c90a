package dev.quiver.optim.schedule;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Schedule;
import dev.quiver.api.optim.ScheduleFactory;
import dev.quiver.optim.internal.FiniteConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code schedule:} mapping into a {@link Schedule}, checking every option (range, type, unknown keys
 * with a did-you-mean) as located config problems. Stateless.
 *
 * <pre>{@code
 * schedule: {type: step, stepSize: 10, gamma: 0.5}
 * schedule: {type: multi-step, milestones: [30, 80], gamma: 0.1}
 * schedule: {type: exponential, gamma: 0.95}
 * schedule: {type: cosine, tMax: 50, etaMin: 0.0}              # tMax defaults to the training's epochs
 * schedule: {type: cosine, warmupSteps: 100}                    # linear warm-up over 100 steps first
 * schedule: {type: warmup-linear, warmupEpochs: 5, decay: cosine, finalFactor: 0.01}
 * schedule: {type: reduce-on-plateau, patience: 5, factor: 0.5}
 * }</pre>
 */
public final class Schedules {

    public static final Option<String> TYPE = Option.choice(
                    "type",
                    "constant",
                    "constant",
                    "step",
                    "multi-step",
                    "exponential",
                    "cosine",
                    "warmup-linear",
                    "reduce-on-plateau")
            .describe("The kind of schedule.");

    static final Option<Integer> STEP_SIZE =
            Option.integer("stepSize", 1).atLeast(1).required().describe("Epochs between two decays.");
    static final Option<Double> GAMMA = Option.real("gamma", 0.1).above(0).describe("Multiplier of each decay.");
    static final Option<Double> GAMMA_REQUIRED =
            Option.real("gamma", 0.1).above(0).required().describe("Multiplier per epoch.");
    static final Option<List<Integer>> MILESTONES = Option.integers("milestones", List.of())
            .atLeast(0)
            .required()
            .describe("Epochs at which the rate is multiplied by gamma.");
    static final Option<Integer> T_MAX = Option.integer("tMax", 0)
            .atLeast(0)
            .describe("Half-period of the cosine in epochs; 0 = the training's epoch count.");
    static final Option<Double> ETA_MIN = Option.real("etaMin", 0.0).atLeast(0).describe("The lowest learning rate.");
    static final Option<Integer> WARMUP_EPOCHS =
            Option.integer("warmupEpochs", 0).atLeast(0).describe("Warm-up length in epochs.");
    static final Option<Integer> WARMUP_STEPS = Option.integer("warmupSteps", 0)
            .atLeast(0)
            .describe("Warm-up length in optimizer steps (instead of warmupEpochs).");
    static final Option<Double> START_FACTOR = Option.real("startFactor", 1.0 / 3.0)
            .above(0)
            .atMost(1)
            .describe("Share of the learning rate at the start of warm-up (torch LinearLR's default 1/3).");
    static final Option<String> DECAY =
            Option.choice("decay", "linear", "linear", "cosine", "none").describe("Shape of the decay after warm-up.");
    static final Option<Integer> EPOCHS = Option.integer("epochs", 0)
            .atLeast(0)
            .describe("Epoch at which the decay ends; 0 = the training's epoch count.");
    static final Option<Double> FINAL_FACTOR = Option.real("finalFactor", 0.0)
            .atLeast(0)
            .atMost(1)
            .describe("Share of the learning rate at the end of the decay.");
    static final Option<String> MODE = Option.choice("mode", "min", "min", "max")
            .describe("Whether a lower (min) or higher (max) monitored figure is better.");
    static final Option<Double> FACTOR =
            Option.real("factor", 0.1).atLeast(0).below(1).describe("Multiplier applied on a plateau.");
    static final Option<Integer> PATIENCE =
            Option.integer("patience", 10).atLeast(0).describe("Epochs without improvement tolerated before reducing.");
    static final Option<Double> THRESHOLD =
            Option.real("threshold", 1e-4).atLeast(0).describe("Least change that counts as an improvement.");
    static final Option<String> THRESHOLD_MODE = Option.choice("thresholdMode", "rel", "rel", "abs")
            .describe("rel: relative to the best value; abs: absolute.");
    static final Option<Integer> COOLDOWN = Option.integer("cooldown", 0)
            .atLeast(0)
            .describe("Epochs to wait after a reduction before counting again.");
    static final Option<Double> MIN_LR = Option.real("minLr", 0.0).atLeast(0).describe("The lowest learning rate.");
    static final Option<Double> EPS =
            Option.real("eps", 1e-8).atLeast(0).describe("Reductions smaller than this are not applied.");

    private static final Map<String, List<Option<?>>> OPTIONS = options();
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "constant", "No schedule: the optimizer's learning rate throughout.",
            "step", "StepLR: multiply the rate by gamma every stepSize epochs.",
            "multi-step", "MultiStepLR: multiply the rate by gamma at each milestone epoch.",
            "exponential", "ExponentialLR: multiply the rate by gamma every epoch.",
            "cosine", "CosineAnnealingLR: follow a cosine from the rate down to etaMin over tMax epochs.",
            "warmup-linear", "Linear warm-up over epochs or steps, then a linear or cosine decay.",
            "reduce-on-plateau", "ReduceLROnPlateau: multiply the rate by factor when the validation loss stalls.");

    private Schedules() {}

    private static Map<String, List<Option<?>>> options() {
        Map<String, List<Option<?>>> byType = new LinkedHashMap<>();
        byType.put("constant", List.of());
        byType.put("step", List.of(STEP_SIZE, GAMMA));
        byType.put("multi-step", List.of(MILESTONES, GAMMA));
        byType.put("exponential", List.of(GAMMA_REQUIRED));
        byType.put("cosine", List.of(T_MAX, ETA_MIN, WARMUP_STEPS));
        byType.put("warmup-linear", List.of(WARMUP_EPOCHS, WARMUP_STEPS, START_FACTOR, DECAY, EPOCHS, FINAL_FACTOR));
        byType.put(
                "reduce-on-plateau", List.of(MODE, FACTOR, PATIENCE, THRESHOLD, THRESHOLD_MODE, COOLDOWN, MIN_LR, EPS));
        return java.util.Collections.unmodifiableMap(byType);
    }

    /** The options of schedule {@code type} besides {@code type} itself, for help texts. */
    public static List<Option<?>> options(String type) {
        return OPTIONS.getOrDefault(type, List.of());
    }

    /** No schedule: the optimizer's learning rate throughout. */
    public static Schedule constant() {
        return new Constant();
    }

    /**
     * The schedule a {@code schedule:} mapping describes. Every problem is recorded on {@code config}; the
     * result is then {@link Constant} or the schedule with defaults in place of invalid values. A missing
     * required option throws {@link dev.quiver.api.QuiverException}, as {@link Config#get} does.
     */
    public static Schedule fromConfig(Config userConfig) {
        Config config = FiniteConfig.of(userConfig);
        String type = config.get(TYPE);
        rejectUnknownKeys(config, type);
        return build(type, config);
    }

    /** The schedule plugins, one per type: what the runtime makes {@code training.schedule} with. */
    public static List<ScheduleFactory> factories() {
        List<ScheduleFactory> factories = new ArrayList<>();
        for (Map.Entry<String, List<Option<?>>> type : OPTIONS.entrySet()) {
            factories.add(new TypeFactory(type.getKey(), type.getValue()));
        }
        return List.copyOf(factories);
    }

    /** One schedule type as a plugin; the runtime has already checked its keys against {@link #options}. */
    private record TypeFactory(String name, List<Option<?>> options) implements ScheduleFactory {

        @Override
        public String description() {
            return DESCRIPTIONS.get(name);
        }

        @Override
        public Schedule create(Config config, PluginContext context) {
            return build(name, FiniteConfig.of(config));
        }
    }

    private static Schedule build(String type, Config config) {
        return switch (type) {
            case "step" -> new StepDecay(config.get(STEP_SIZE), config.get(GAMMA));
            case "multi-step" -> multiStep(config);
            case "exponential" -> new ExponentialDecay(config.get(GAMMA_REQUIRED));
            case "cosine" -> new CosineAnnealing(config.get(T_MAX), config.get(ETA_MIN), config.get(WARMUP_STEPS));
            case "warmup-linear" -> warmup(config);
            case "reduce-on-plateau" ->
                new ReduceOnPlateau(
                        ReduceOnPlateau.Mode.valueOf(config.get(MODE).toUpperCase(Locale.ROOT)),
                        config.get(FACTOR),
                        config.get(PATIENCE),
                        config.get(THRESHOLD),
                        ReduceOnPlateau.ThresholdMode.valueOf(
                                config.get(THRESHOLD_MODE).toUpperCase(Locale.ROOT)),
                        config.get(COOLDOWN),
                        config.get(MIN_LR),
                        config.get(EPS));
            default -> new Constant();
        };
    }

    private static Schedule multiStep(Config config) {
        List<Integer> milestones = config.get(MILESTONES);
        for (int i = 1; i < milestones.size(); i++) {
            if (milestones.get(i) < milestones.get(i - 1)) {
                config.problem(MILESTONES.name(), "milestones must be in increasing order, got " + milestones);
                break;
            }
        }
        return new MultiStepDecay(milestones, config.get(GAMMA));
    }

    private static Schedule warmup(Config config) {
        int warmupEpochs = config.get(WARMUP_EPOCHS);
        int warmupSteps = config.get(WARMUP_STEPS);
        int epochs = config.get(EPOCHS);
        if (warmupEpochs > 0 && warmupSteps > 0) {
            config.problem(WARMUP_STEPS.name(), "give either warmupEpochs or warmupSteps, not both");
            warmupSteps = 0;
        }
        if (epochs > 0 && warmupEpochs >= epochs) {
            config.problem(
                    WARMUP_EPOCHS.name(),
                    "warmupEpochs (" + warmupEpochs + ") must be less than epochs (" + epochs
                            + "), leaving epochs to decay over");
            warmupEpochs = 0;
        }
        WarmupDecay.Decay decay = WarmupDecay.Decay.valueOf(config.get(DECAY).toUpperCase(Locale.ROOT));
        return new WarmupDecay(
                warmupEpochs, warmupSteps, config.get(START_FACTOR), decay, epochs, config.get(FINAL_FACTOR));
    }

    private static void rejectUnknownKeys(Config config, String type) {
        List<String> known = new ArrayList<>();
        known.add(TYPE.name());
        options(type).forEach(o -> known.add(o.name()));
        for (String key : config.keys()) {
            if (!known.contains(key)) {
                config.problem(
                        key,
                        "unknown option '" + key + "' for schedule type '" + type + "'" + DidYouMean.hint(key, known)
                                + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** A multiplier must be a finite number > 0. */
    static void checkFactor(String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }
}
