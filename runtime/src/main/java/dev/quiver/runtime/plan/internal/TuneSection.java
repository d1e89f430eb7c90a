package dev.quiver.runtime.plan.internal;

import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.config.Option;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Overrides;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.pipeline.Search;
import dev.quiver.runtime.plan.internal.SearchSpace.Choice;
import dev.quiver.runtime.plan.internal.SearchSpace.Distribution;
import dev.quiver.runtime.plan.internal.SearchSpace.IntUniform;
import dev.quiver.runtime.plan.internal.SearchSpace.Param;
import dev.quiver.runtime.plan.internal.SearchSpace.Uniform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The {@code tune:} section: reads the search space and objective, draws every trial's parameters with a
 * seeded sampler, and loads each trial as the pipeline document with those parameters applied by
 * {@link Overrides#set} and assembled like any pipeline. A space key the pipeline does not have is therefore
 * reported by the same checks as a mistyped key in the file (with a did-you-mean), located at the space key;
 * a bad value is located at the value that was drawn. One instance per load, one thread.
 */
public final class TuneSection {

    static final Option<String> STRATEGY = Option.choice("strategy", "random", "grid", "random")
            .describe("grid: every combination of choice lists; random: trials drawn from the space.");
    /** Every trial is loaded before the search starts, so their number is bounded. */
    static final int MAX_TRIALS = 10_000;

    static final Option<Integer> TRIALS = Option.integer("trials", 10)
            .atLeast(1)
            .atMost(MAX_TRIALS)
            .describe("How many trials a random search draws.");
    static final Option<String> METRIC =
            Option.string("metric", null).describe("The metric to optimise, one of the evaluate list.");
    static final Option<String> GOAL = Option.choice("goal", null, "maximize", "minimize")
            .describe("Whether a larger or a smaller objective is better.");

    /**
     * Mixed into the pipeline seed so that the sampler does not repeat the split's random numbers. (Not Random's
     * own multiplier 0x5DEECE66D: seed 0 would then start the generator at state 0, whose first draws are ~0.)
     */
    private static final long SALT = 0x2545F4914F6CDD1DL;

    private static final List<String> KINDS = List.of("choice", "uniform", "logUniform", "intUniform");

    private final PluginRegistry registry;
    private final Path file;
    private final Problems problems;

    public TuneSection(PluginRegistry registry, Path file, Problems problems) {
        this.registry = registry;
        this.file = file;
        this.problems = problems;
    }

    /**
     * The search of {@code root}'s {@code tune:} section for {@code base} (the pipeline loaded without it);
     * empty, with problems recorded, when anything is wrong.
     */
    public Optional<Search> search(ConfigNode.Mapping root, Pipeline base) {
        YamlConfig top = new YamlConfig(root, "", problems);
        Optional<YamlConfig> section = top.yamlSection("tune");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YamlConfig tune = section.get();
        String strategy = tune.get(STRATEGY);
        int trials = tune.get(TRIALS);
        List<Param> space = space(tune);
        Optional<YamlConfig> objective = tune.yamlSection("objective");
        tune.checkUnknownKeys(List.of(STRATEGY.name(), TRIALS.name(), "space", "objective"), "tune");
        if (objective.isEmpty()) {
            tune.problem("objective", "tune needs an objective, e.g. objective: {metric: accuracy, goal: maximize}");
            return Optional.empty();
        }
        String metric = objective.get().get(METRIC);
        String goal = objective.get().get(GOAL);
        objective.get().checkUnknownKeys(List.of(METRIC.name(), GOAL.name()), "tune.objective");
        if (metric == null) {
            objective.get().problem(METRIC.name(), "the objective needs a metric, one of the evaluate list");
        } else {
            List<String> evaluated = base.metrics().stream().map(Named::type).toList();
            if (!evaluated.contains(metric)) {
                String hint = DidYouMean.hint(metric, evaluated);
                objective
                        .get()
                        .problem(
                                METRIC.name(),
                                "the objective '" + metric + "' is not in the evaluate list " + evaluated
                                        + (hint.isEmpty() ? "; add it to evaluate:" : hint));
            }
        }
        if (goal == null) {
            objective.get().problem(GOAL.name(), "the objective needs a goal: maximize or minimize");
        }
        boolean crossValidated = base.data().split().folds() > 0;
        if (!crossValidated && base.data().split().validation() == 0) {
            problems.add(
                    top.keyLocation("tune"),
                    "tuning scores each trial on held-out rows, so the pipeline needs "
                            + "a validation split: split: {validation: 0.2} or split: {validation: {folds: 5}}");
        }
        boolean grid = strategy.equals("grid");
        if (grid) {
            if (tune.has(TRIALS.name())) {
                tune.problem(
                        TRIALS.name(),
                        "a grid search runs every combination of its choice lists; trials "
                                + "applies to strategy: random");
            }
            for (Param p : space) {
                if (!(p.distribution() instanceof Choice)) {
                    problems.add(
                            p.at(),
                            "a grid search takes choice lists only, e.g. {choice: [0.01, 0.1]}; "
                                    + "use strategy: random to draw from a range");
                }
            }
        }
        // The valid part of the space is still tried, so that a key the pipeline lacks is reported along with
        // any mistake above; one trial is enough to find such keys, so the others load only when all is well.
        List<Param> usable = grid
                ? space.stream().filter(p -> p.distribution() instanceof Choice).toList()
                : space;
        if (grid) {
            long combinations = usable.stream()
                    .mapToLong(p -> ((Choice) p.distribution()).values().size())
                    .reduce(1, (a, b) -> Math.min(a * b, MAX_TRIALS + 1L));
            if (combinations > MAX_TRIALS) {
                tune.problem(
                        "space",
                        "the grid has more than " + MAX_TRIALS + " combinations; use fewer choices or"
                                + " strategy: random with trials: N");
                return Optional.empty();
            }
        }
        List<Map<String, ConfigNode>> draws =
                grid ? SearchSpace.grid(usable) : SearchSpace.random(usable, trials, new Random(base.seed() ^ SALT));
        ConfigNode.Mapping document = root.without("tune");
        List<Search.Trial> loaded = new ArrayList<>();
        for (Map<String, ConfigNode> draw : draws) {
            Optional<Search.Trial> trial = trial(document, draw, usable);
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            loaded.add(trial.orElseThrow());
        }
        return Optional.of(new Search(strategy, metric, goal.equals("maximize"), crossValidated, loaded));
    }

    private List<Param> space(YamlConfig tune) {
        Optional<ConfigNode> node = tune.node().get("space");
        if (node.isEmpty()
                || !(node.get() instanceof ConfigNode.Mapping mapping)
                || mapping.entries().isEmpty()) {
            tune.problem(
                    "space",
                    "tune needs a space: dotted key paths with what to try, e.g. space: "
                            + "{training.optimizer.lr: {logUniform: [0.0001, 0.1]}, model.hidden: {choice: [[32], [64]]}}");
            return List.of();
        }
        List<Param> space = new ArrayList<>();
        mapping.entries().forEach((path, entry) -> distribution(entry.value())
                .ifPresent(d -> space.add(new Param(path, entry.keyLocation(), d))));
        return space;
    }

    private Optional<Distribution> distribution(ConfigNode node) {
        if (!(node instanceof ConfigNode.Mapping m) || m.entries().size() != 1) {
            problems.add(
                    node.location(),
                    "a space entry is one of {choice: [...]}, {uniform: [low, high]}, "
                            + "{logUniform: [low, high]}, {intUniform: [low, high]}; got " + node.describe());
            return Optional.empty();
        }
        Map.Entry<String, ConfigNode.Entry> only =
                m.entries().entrySet().iterator().next();
        String kind = only.getKey();
        ConfigNode value = only.getValue().value();
        if (!KINDS.contains(kind)) {
            String hint = DidYouMean.hint(kind, KINDS);
            problems.add(
                    only.getValue().keyLocation(),
                    "unknown distribution '" + kind + "'" + (hint.isEmpty() ? ";" : hint) + " known: "
                            + String.join(", ", KINDS));
            return Optional.empty();
        }
        if (!(value instanceof ConfigNode.Sequence list) || list.items().isEmpty()) {
            problems.add(
                    value.location(),
                    kind + " takes a list" + (kind.equals("choice") ? " of values to try" : ", [low, high]") + "; got "
                            + value.describe());
            return Optional.empty();
        }
        if (kind.equals("choice")) {
            return Optional.of(new Choice(list.items()));
        }
        List<Object> bounds = list.items().stream().map(ConfigNode::plain).toList();
        boolean integers = kind.equals("intUniform");
        if (bounds.size() != 2
                || !bounds.stream()
                        .allMatch(b -> integers ? b instanceof Integer || b instanceof Long : b instanceof Number)) {
            problems.add(
                    value.location(),
                    kind + " takes two " + (integers ? "integers" : "numbers") + ", [low, high]; got " + bounds);
            return Optional.empty();
        }
        double low = ((Number) bounds.get(0)).doubleValue();
        double high = ((Number) bounds.get(1)).doubleValue();
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            problems.add(value.location(), kind + " needs finite bounds with low below high; got " + bounds);
            return Optional.empty();
        }
        if (kind.equals("logUniform") && low <= 0) {
            problems.add(
                    value.location(), "logUniform draws on a log scale, so its bounds must be above 0; got " + bounds);
            return Optional.empty();
        }
        if (integers) {
            long lowInt = ((Number) bounds.get(0)).longValue();
            long highInt = ((Number) bounds.get(1)).longValue();
            if (highInt - lowInt >= Integer.MAX_VALUE) {
                problems.add(
                        value.location(),
                        "intUniform draws from at most " + Integer.MAX_VALUE + " values; got " + bounds);
                return Optional.empty();
            }
            return Optional.of(new IntUniform(lowInt, highInt));
        }
        return Optional.of(new Uniform(low, high, kind.equals("logUniform")));
    }

    private Optional<Search.Trial> trial(ConfigNode.Mapping document, Map<String, ConfigNode> draw, List<Param> space) {
        ConfigNode.Mapping root = document;
        Map<String, Object> params = new LinkedHashMap<>();
        for (Param p : space) {
            ConfigNode value = draw.get(p.path());
            Optional<ConfigNode.Mapping> applied = Overrides.set(root, p.path(), value, p.at(), problems);
            if (applied.isEmpty()) {
                return Optional.empty();
            }
            root = applied.get();
            params.put(p.path(), value.plain());
        }
        return new Assembler(registry, file, problems)
                .assemble(root)
                .map(pipeline -> new Search.Trial(params, pipeline));
    }
}
