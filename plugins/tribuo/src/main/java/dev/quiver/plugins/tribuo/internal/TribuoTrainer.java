package dev.quiver.plugins.tribuo.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.plugins.tribuo.OutputKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.MutableDataset;
import org.tribuo.Output;

/**
 * A configured Tribuo trainer as a Quiver {@link Trainer}: one recipe per kind of output it can train (a short
 * name like {@code cart} has a classification and a regression recipe; the data's task picks one). Immutable and
 * thread-safe: each {@link #fit} builds its own Tribuo trainer, seeded from the fit's seed.
 */
public final class TribuoTrainer implements Trainer {

    private final Map<OutputKind, TrainerRecipe> recipes;
    private final Set<Task> tasks;
    private final boolean verbose;

    /**
     * @param recipes the valid recipes by kind of output
     * @param intended the kinds the user meant to train; they stand in for {@link #tasks()} when no recipe is
     *     valid (the configuration then has problems and nothing will be fitted), so that the runtime does not
     *     add a confusing task mismatch to the real mistakes
     * @param verbose let Tribuo log its progress (see {@link TribuoLogging})
     */
    public TribuoTrainer(Map<OutputKind, TrainerRecipe> recipes, Set<OutputKind> intended, boolean verbose) {
        this.recipes = Map.copyOf(recipes);
        this.verbose = verbose;
        Set<Task> t = EnumSet.noneOf(Task.class);
        (recipes.isEmpty() ? intended : recipes.keySet()).forEach(k -> t.addAll(k.tasks()));
        this.tasks = Set.copyOf(t);
    }

    @Override
    public Set<Task> tasks() {
        return tasks;
    }

    /** The recipes, by kind of output, for describing the configured trainer. */
    public Map<OutputKind, TrainerRecipe> recipes() {
        return recipes;
    }

    @Override
    public Model fit(TrainingData data, FitContext context) {
        OutputKind kind = OutputKind.of(data.task());
        TrainerRecipe recipe = recipes.get(kind);
        if (recipe == null) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "The Tribuo trainer " + describe() + " cannot learn a "
                            + data.task().label() + " task"
                            + (recipes.isEmpty() ? "; its configuration has problems." : "."));
        }
        OlcutBuilder.Result built = recipe.build(context.seed());
        if (!built.ok()) {
            throw new IllegalStateException(
                    "trainer options validated at create time no longer build: " + built.problems());
        }
        OutputAdapter<?> adapter = OutputAdapter.of(kind, data.target(), data.classes());
        TribuoLogging.apply(verbose);
        return fit(recipe, built.component(), adapter, data, context);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Output<T>> Model fit(
            TrainerRecipe recipe, Object trainer, OutputAdapter<T> adapter, TrainingData data, FitContext context) {
        org.tribuo.Trainer<T> tribuo = (org.tribuo.Trainer<T>) trainer;
        MutableDataset<T> dataset = new Examples(data.features()).dataset(data, adapter, context.allocator());
        Pitfalls.slowCartRegression(tribuo, dataset.size()).ifPresent(context::warn);
        org.tribuo.Model<T> model;
        try {
            model = tribuo.train(dataset);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "Tribuo's " + trainer.getClass().getSimpleName() + " could not train on this data: "
                            + e.getMessage(),
                    e);
        }
        return new TribuoModel<>(model, adapter, data.task(), data.features(), recipe.name(), data.target());
    }

    private String describe() {
        return recipes.values().stream()
                        .map(TrainerRecipe::name)
                        .distinct()
                        .findFirst()
                        .orElse("(none)") + " (trains "
                + List.copyOf(recipes.keySet()).stream().map(OutputKind::label).toList() + ")";
    }
}
