package dev.quiver.engine.models;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.Loss;
import dev.quiver.engine.data.Targets;
import dev.quiver.engine.nn.Activation;
import dev.quiver.engine.nn.Init;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.train.TrainingLoop;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A configured network trained by gradient descent: the engine's linear-regression ({@code solver: gd}),
 * logistic-regression, softmax-regression and mlp trainers differ only in this record's fields. The output
 * width, default loss and head follow the task of the data: one value (MSE) for regression, one logit (BCE) for
 * binary, one logit per class (cross-entropy) for multi-class or when {@code softmax} is set. With
 * {@code oneVsRest}, multi-class gets one logit per class trained as K independent binary problems (BCE on
 * one-hot targets) and a {@link Head#oneVsRest} head. The losses and optimizers themselves come from the runtime
 * in the {@link TrainingSetup} (made by whichever plugins provide them); this record only names its defaults.
 * Immutable; each {@link #fit} builds its own network.
 *
 * @param type the model type name, which also decides the model class (linear types yield a {@link LinearModel})
 * @param hidden hidden layer widths, empty for linear models
 * @param hiddenInit init of hidden layers
 * @param outputInit init of the output layer
 * @param softmax one logit per class even for two classes
 * @param threshold probability of class 1 from which a single-logit binary model predicts it
 * @param oneVsRest multi-class as one sigmoid per class against the rest rather than a softmax
 * @param defaultOptimizer the optimizer entry when the pipeline names none, e.g. {@code {type: adam, lr: 0.01}}
 */
record GradientTrainer(
        String type,
        Set<Task> tasks,
        int[] hidden,
        Activation activation,
        float dropout,
        Init hiddenInit,
        Init outputInit,
        boolean softmax,
        double threshold,
        boolean oneVsRest,
        Map<String, Object> defaultOptimizer)
        implements Trainer {

    GradientTrainer {
        hidden = hidden.clone();
        tasks = Set.copyOf(tasks);
        defaultOptimizer = Map.copyOf(defaultOptimizer);
    }

    /**
     * A linear model (no hidden layer, so no activation, dropout or hidden init) whose weights start as
     * {@code init}: the linear, logistic and softmax regressions.
     */
    static GradientTrainer linear(
            String type,
            Set<Task> tasks,
            Init init,
            boolean softmax,
            double threshold,
            boolean oneVsRest,
            Map<String, Object> defaultOptimizer) {
        return new GradientTrainer(
                type,
                tasks,
                new int[0],
                Activation.RELU,
                0f,
                init,
                init,
                softmax,
                threshold,
                oneVsRest,
                defaultOptimizer);
    }

    /** The loss by task: BCE on one logit for two classes (cross-entropy with {@code softmax}), MSE for values. */
    @Override
    public Optional<TrainingDefaults> training() {
        Map<Task, String> losses = new java.util.EnumMap<>(Task.class);
        for (Task task : tasks) {
            losses.put(
                    task,
                    switch (task) {
                        case BINARY -> softmax ? CROSS_ENTROPY : BCE;
                        case MULTICLASS -> oneVsRest ? BCE : CROSS_ENTROPY;
                        default -> "mse";
                    });
        }
        return Optional.of(new TrainingDefaults(losses, defaultOptimizer));
    }

    private static final String BCE = "bce";
    private static final String CROSS_ENTROPY = "cross-entropy";

    @Override
    public Model fit(TrainingData data, FitContext context) {
        Task task = data.task();
        ClassLabels labels = task.isClassification() ? ClassLabels.of(data) : null;
        if (labels != null && labels.size() < 2) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    type + " needs at least two classes in the target, found " + labels.classes() + ".");
        }
        boolean ovr = oneVsRest && task == Task.MULTICLASS;
        TrainingSetup setup = context.training()
                .orElseThrow(() -> new IllegalStateException(
                        "no training setup offered to " + type + ", which declares training()"));
        Loss loss = setup.loss();
        if (ovr && loss.classIndexTargets()) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    type + " learns " + labels.size() + " classes one against"
                            + " the rest, each with its own sigmoid, so it needs a loss on one value per class (bce), not "
                            + "one on class indices such as cross-entropy. For a softmax over the classes trained with "
                            + "cross-entropy, use the model type " + SoftmaxRegressionFactory.NAME + ".");
        }
        int outputs =
                switch (task) {
                    case BINARY -> loss.classIndexTargets() ? 2 : 1;
                    case MULTICLASS -> labels.size();
                    default -> 1;
                };
        Targets targets =
                labels == null ? Targets.values() : Targets.classes(labels, outputs, loss.classIndexTargets());
        long seed = setup.seed().orElse(context.seed());

        int[] sizes = new int[hidden.length + 2];
        sizes[0] = data.features().size();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        Network network = Network.create(sizes, activation, dropout, hiddenInit, outputInit, Rng.derive(seed, "init"));

        new TrainingLoop(network, data, targets, setup, context, seed, outputs == 1 ? threshold : 0.5).run();

        Head head = labels == null
                ? Head.regression()
                : outputs == 1
                        ? Head.binary(labels, threshold)
                        : ovr ? Head.oneVsRest(labels) : Head.softmax(task, labels);
        if (type.equals(MlpFactory.NAME)) {
            return new MlpModel(data.features(), network.copy(), head);
        }
        var layer = network.layers().get(0);
        return new LinearModel(type, data.features(), layer.weightByOutput(), layer.biasValues(), head);
    }
}
