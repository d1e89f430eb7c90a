package dev.quiver.plugins.tribuo;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.config.Option;
import dev.quiver.api.config.OptionValues;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.state.StateReader;
import dev.quiver.plugins.tribuo.internal.ComponentFields;
import dev.quiver.plugins.tribuo.internal.OlcutBuilder;
import dev.quiver.plugins.tribuo.internal.OptionProblem;
import dev.quiver.plugins.tribuo.internal.OutputTypes;
import dev.quiver.plugins.tribuo.internal.Pitfalls;
import dev.quiver.plugins.tribuo.internal.TrainerRecipe;
import dev.quiver.plugins.tribuo.internal.TribuoModel;
import dev.quiver.plugins.tribuo.internal.TribuoTrainer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code tribuo} model: any Tribuo 4.3.2 trainer, by short name or class name, built through Tribuo's own
 * configuration system (OLCUT) from the {@code options:} mapping.
 *
 * <pre>{@code
 * model: {type: tribuo, trainer: logistic-regression}
 * model: {type: tribuo, trainer: org.tribuo.classification.dtree.CARTClassificationTrainer, options: {maxDepth: 6}}
 * }</pre>
 *
 * <p>{@link #create} builds the trainer once to validate it, so every bad option is reported with its location
 * before any data is read. Stateless and thread-safe.
 */
public final class TribuoModelFactory implements ModelFactory {

    public static final Option<String> TRAINER = Option.string("trainer", null)
            .required()
            .describe("A short name (listed above) or the fully qualified class name of any Tribuo Trainer.");
    public static final Option<Object> OPTIONS = Option.any("options")
            .describe("The trainer's options, named as its OLCUT @Config fields; nested components (optimiser, "
                    + "objective, innerTrainer...) are mappings whose 'class:' names the implementation.");
    public static final Option<String> TASK = Option.choice("task", null, "classification", "regression", "clustering")
            .describe("Which variant of a short name to use (cart, random-forest... exist for "
                    + "classification and regression); by default the data's task decides.");
    public static final Option<Boolean> ACKNOWLEDGE_ADAM_BUG = Option.bool(Pitfalls.ACKNOWLEDGE_ADAM, false)
            .describe("Train with Tribuo 4.3.2's Adam optimiser despite its known bug (it is refused otherwise).");

    public static final Option<Boolean> VERBOSE = Option.bool("verbose", false)
            .describe("Let Tribuo log its training progress (java.util.logging, INFO); setting the trainer's "
                    + "loggingInterval option implies it.");

    @Override
    public String name() {
        return TribuoModel.TYPE;
    }

    /** One sentence, then the short names by kind of output (those of extensions on the classpath included). */
    /** {@code quiver plugins tribuo TRAINER}: the trainer's options, types, defaults and descriptions. */
    @Override
    public Optional<String> help(String topic) {
        try {
            return Optional.of(TribuoCatalog.describe(topic));
        } catch (IllegalArgumentException e) {
            throw new QuiverException(ErrorCode.USAGE, e.getMessage());
        }
    }

    @Override
    public String description() {
        StringBuilder s = new StringBuilder("Any Tribuo 4.3.2 trainer, by short name or class name. Short names:");
        for (OutputKind kind : OutputKind.values()) {
            s.append(' ')
                    .append(kind.label())
                    .append(": ")
                    .append(String.join(
                            ", ",
                            TribuoCatalog.shortNames().stream()
                                    .filter(n -> n.kind() == kind)
                                    .map(ShortName::name)
                                    .toList()))
                    .append(';');
        }
        s.setCharAt(s.length() - 1, '.');
        return s.toString();
    }

    @Override
    public List<Option<?>> options() {
        return List.of(TRAINER, OPTIONS, TASK, ACKNOWLEDGE_ADAM_BUG, VERBOSE);
    }

    @Override
    public dev.quiver.api.model.Trainer create(Config config, PluginContext context) {
        String trainer = config.get(TRAINER);
        Map<String, Object> user = userOptions(config);
        String taskText = config.get(TASK);
        Optional<OutputKind> wanted =
                Optional.ofNullable(taskText).map(t -> OutputKind.valueOf(t.toUpperCase(Locale.ROOT)));
        boolean acknowledgeAdam = config.get(ACKNOWLEDGE_ADAM_BUG);
        boolean verbose = config.get(VERBOSE) || user.containsKey("loggingInterval");

        Map<OutputKind, TrainerRecipe> recipes = new EnumMap<>(OutputKind.class);
        // Sets: a short name's variants (cart for classification and regression) often fail, or warn, alike.
        Set<OptionProblem> failures = new LinkedHashSet<>();
        Set<OptionProblem> refusals = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        Set<OutputKind> intended = EnumSet.noneOf(OutputKind.class);
        for (TrainerRecipe candidate : candidates(trainer, user, wanted, config)) {
            intendedKind(candidate).ifPresent(intended::add);
            OlcutBuilder.Result built = candidate.build(context.seed());
            if (!built.ok()) {
                failures.addAll(built.problems());
                continue;
            }
            OutputKind kind = candidate.kind() != null ? candidate.kind() : kindOf(built.component(), config);
            if (kind == null) {
                continue;
            }
            if (wanted.isPresent() && wanted.get() != kind) {
                config.problem(
                        TASK.name(),
                        trainer + " trains " + kind.label() + ", not "
                                + wanted.get().label());
                continue;
            }
            Optional<List<String>> adam = Pitfalls.adam(built.component());
            if (adam.isPresent() && !acknowledgeAdam) {
                refusals.add(new OptionProblem(parent(adam.get()), last(adam.get()), Pitfalls.adamRefusal()));
                continue;
            }
            adam.ifPresent(path -> warnings.add(Pitfalls.adamWarning(path)));
            recipes.put(
                    kind,
                    new TrainerRecipe(
                            trainer, kind, candidate.trainerClass(), candidate.options(), candidate.seeded()));
        }
        refusals.forEach(p -> record(config, user, p));
        if (recipes.isEmpty() && refusals.isEmpty()) {
            failures.forEach(p -> record(config, user, p));
        }
        warnings.forEach(context::warn);
        return new TribuoTrainer(recipes, intended, verbose);
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return TribuoModel.load(state);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> userOptions(Config config) {
        Object raw = config.get(OPTIONS);
        if (raw == null) {
            return Map.of();
        }
        if (raw instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        config.problem(
                OPTIONS.name(),
                "expected a mapping of the trainer's options (name: value), got " + OptionValues.describe(raw));
        return Map.of();
    }

    /** The recipes to try: one per kind of output for a short name, one of unknown kind for a class name. */
    private static List<TrainerRecipe> candidates(
            String trainer, Map<String, Object> user, Optional<OutputKind> wanted, Config config) {
        List<ShortName> entries = TribuoCatalog.shortNames(trainer);
        List<TrainerRecipe> recipes = new ArrayList<>();
        if (!entries.isEmpty()) {
            for (ShortName entry : entries) {
                if (wanted.isEmpty() || wanted.get() == entry.kind()) {
                    Map<String, Object> base =
                            TrainerRecipe.merge(TribuoCatalog.classDefaults(entry.trainerClass()), entry.defaults());
                    recipes.add(recipe(trainer, entry.kind(), entry.trainerClass(), base, user));
                }
            }
            if (recipes.isEmpty()) {
                config.problem(
                        TASK.name(),
                        "the short name '" + trainer + "' has no "
                                + wanted.get().label() + " trainer; it trains "
                                + entries.stream().map(e -> e.kind().label()).toList());
            }
            return recipes;
        }
        if (!trainer.contains(".")) {
            config.problem(
                    TRAINER.name(),
                    "unknown trainer '" + trainer + "'"
                            + DidYouMean.hint(trainer, TribuoCatalog.names()) + "; short names are "
                            + TribuoCatalog.names()
                            + ", or write the fully qualified class name of a Tribuo Trainer");
            return recipes;
        }
        Optional<String> unusable = unusableTrainerClass(trainer);
        if (unusable.isPresent()) {
            config.problem(TRAINER.name(), unusable.get());
            return recipes;
        }
        recipes.add(recipe(trainer, null, trainer, TribuoCatalog.classDefaults(trainer), user));
        return recipes;
    }

    /** The kind a candidate is meant to train, as far as it can be told without building it. */
    private static Optional<OutputKind> intendedKind(TrainerRecipe candidate) {
        if (candidate.kind() != null) {
            return Optional.of(candidate.kind());
        }
        return OutputTypes.ofClass(load(candidate.trainerClass())).flatMap(OutputKind::ofOutputClass);
    }

    private static TrainerRecipe recipe(
            String name, OutputKind kind, String trainerClass, Map<String, Object> base, Map<String, Object> user) {
        Map<String, Object> options = TrainerRecipe.merge(base, user);
        // A trainer with a seed the user left alone gets the pipeline's (per fit), never Tribuo's constant one.
        boolean seeded = !options.containsKey("seed") && ComponentFields.has(load(trainerClass), "seed");
        return new TrainerRecipe(name, kind, trainerClass, options, seeded);
    }

    private static Optional<String> unusableTrainerClass(String className) {
        try {
            Class<?> type = Class.forName(className, false, TribuoModelFactory.class.getClassLoader());
            if (!org.tribuo.Trainer.class.isAssignableFrom(type)) {
                return Optional.of(className + " is not a Tribuo Trainer");
            }
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return Optional.of("there is no trainer class '" + className + "' on the classpath"
                    + DidYouMean.hint(simple, TribuoCatalog.names())
                    + "; check the spelling, or add the jar of the Tribuo module that has it"
                    + (className.toLowerCase(Locale.ROOT).contains("xgboost")
                            ? " (XGBoost needs quiver-plugin-tribuo-xgboost)"
                            : ""));
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, TribuoModelFactory.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Object.class;
        }
    }

    private static OutputKind kindOf(Object trainer, Config config) {
        Optional<Class<?>> output = OutputTypes.of(trainer);
        Optional<OutputKind> kind = output.flatMap(OutputKind::ofOutputClass);
        if (kind.isEmpty()) {
            config.problem(
                    TRAINER.name(),
                    trainer.getClass().getName() + " trains "
                            + output.map(Class::getSimpleName)
                                    .orElse("outputs of a type that cannot be told from its options")
                            + "; the tribuo model supports Label (classification), Regressor (regression) and "
                            + "ClusterID (clustering) trainers");
            return null;
        }
        return kind.get();
    }

    /** Records a problem at the YAML location of its key, as deep under {@code options} as the user wrote. */
    @SuppressWarnings("unchecked")
    private static void record(Config config, Map<String, Object> user, OptionProblem problem) {
        if (problem.path().isEmpty() && problem.key() == null) {
            config.problem(TRAINER.name(), problem.message());
            return;
        }
        List<String> keys = new ArrayList<>(problem.path());
        if (problem.key() != null) {
            keys.add(problem.key());
        }
        Optional<Config> options =
                config.has(OPTIONS.name()) && !user.isEmpty() ? config.section(OPTIONS.name()) : Optional.empty();
        if (options.isEmpty()) {
            config.problem(OPTIONS.name(), "options." + problem.keyPath() + ": " + problem.message());
            return;
        }
        Config at = options.get();
        Map<String, Object> raw = user;
        for (int i = 0; i < keys.size() - 1; i++) {
            String key = keys.get(i);
            if (key.contains("[") || !(raw.get(key) instanceof Map<?, ?> nested)) {
                at.problem(base(key), "options." + problem.keyPath() + ": " + problem.message());
                return;
            }
            at = at.section(key).orElseThrow();
            raw = (Map<String, Object>) nested;
        }
        at.problem(base(keys.get(keys.size() - 1)), problem.message());
    }

    private static String base(String key) {
        int bracket = key.indexOf('[');
        return bracket < 0 ? key : key.substring(0, bracket);
    }

    private static List<String> parent(List<String> path) {
        return path.isEmpty() ? path : path.subList(0, path.size() - 1);
    }

    private static String last(List<String> path) {
        return path.isEmpty() ? null : path.get(path.size() - 1);
    }
}
