package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.engine.nn.Activation;
import dev.quiver.engine.nn.Init;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.spark.DistributedGradientDescent;
import dev.quiver.spark.DistributedLeastSquares;
import dev.quiver.spark.FeatureBlock;
import dev.quiver.spark.LinearFit;
import dev.quiver.spark.LinearOutputs;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The model of a Spark fit, trained on the cached blocks as the engine's trainer would shape it: least squares
 * from one aggregate, or data-parallel gradient descent of the linear models ({@link GradientSum}) and of the
 * {@code mlp} ({@link NetworkTraining}), each epoch recorded in the run's history; the model is then made by
 * its plugin ({@link FittedPieces}). Single use, on the Spark driver thread.
 */
final class SparkModelFit {

    private final JavaSparkContext spark;
    private final Pipeline pipeline;
    private final FittedPieces pieces;

    SparkModelFit(JavaSparkContext spark, Pipeline pipeline, FittedPieces pieces) {
        this.spark = spark;
        this.pipeline = pipeline;
        this.pieces = pieces;
    }

    /** A regression model on {@code blocks} of {@code planned} features. */
    Model regression(JavaRDD<FeatureBlock> blocks, List<String> planned, FitContext context) {
        int width = planned.size();
        if (isMlp()) {
            Network network = mlp(blocks, width, 1, lossName(Task.REGRESSION), context);
            return pieces.mlp(planned, network, Task.REGRESSION, null, 0.5, false);
        }
        if (!SparkSupport.gradientDescent(pipeline)) {
            LinearFit fit = DistributedLeastSquares.fit(blocks, width);
            return pieces.linearRegression(planned, fit.weight(), fit.bias());
        }
        LinearOutputs fit = gradientDescent(blocks, width, 1, lossName(Task.REGRESSION), context);
        return pieces.linearRegression(planned, fit.weight()[0], fit.bias()[0]);
    }

    /**
     * Logistic or softmax regression, as the engine's trainer shapes it: one logit for two classes under a loss on
     * values (BCE), else one per class (softmax under cross-entropy; one-vs-rest BCE for a multi-class logistic
     * regression).
     */
    Model classifier(
            JavaRDD<FeatureBlock> blocks, List<String> features, Task task, TargetClasses classes, FitContext context) {
        int width = features.size();
        if (classes.classes().size() < 2) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    pipeline.model().trainer().type() + " needs at least two classes in the target, found "
                            + classes.classes() + ".");
        }
        TrainingSetup setup = setup(context);
        boolean classIndices = setup.loss().classIndexTargets();
        boolean ovr =
                task == Task.MULTICLASS && pipeline.model().trainer().type().equals(SparkSupport.LOGISTIC_REGRESSION);
        if (ovr && classIndices) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "logistic-regression learns one sigmoid per class, so it needs a loss on one value per class"
                            + " (bce), not cross-entropy; for a softmax use softmax-regression.");
        }
        int outputs =
                task == Task.BINARY ? (classIndices ? 2 : 1) : classes.classes().size();
        double threshold =
                pipeline.model().trainer().options().get("threshold") instanceof Number t ? t.doubleValue() : 0.5;
        if (isMlp()) {
            Network network = mlp(blocks, width, outputs, lossName(task), context);
            return pieces.mlp(features, network, task, classes, outputs == 1 ? threshold : 0.5, false);
        }
        LinearOutputs fit = gradientDescent(blocks, width, outputs, lossName(task), context);
        return pieces.linearClassifier(pipeline.model().trainer().type(), features, fit, task, classes, threshold, ovr);
    }

    private static TrainingSetup setup(FitContext context) {
        return context.training()
                .orElseThrow(() -> new IllegalStateException("gradient descent without a training setup"));
    }

    private boolean isMlp() {
        return pipeline.model().trainer().type().equals(SparkSupport.MLP);
    }

    /**
     * The steps of a run: full batch, one step per epoch over every row; mini-batch, ceil(rows / batchSize) steps
     * per epoch, each over rows drawn with probability batchSize / rows (see BatchSample), as many row visits as
     * locally.
     */
    private record Steps(double fraction, int perEpoch, int total, long rows) {
        static Steps of(TrainingSetup setup, long rows) {
            int batch = setup.batchSize() == TrainingSetup.FULL_BATCH ? 0 : setup.batchSize();
            int perEpoch = batch == 0 ? 1 : (int) Math.ceil((double) rows / batch);
            return new Steps(
                    batch == 0 ? 1 : Math.min(1.0, (double) batch / rows),
                    perEpoch,
                    Math.multiplyExact(setup.epochs(), perEpoch),
                    rows);
        }
    }

    /** Trains {@code outputs} linear outputs by data-parallel gradient descent and records each epoch. */
    private LinearOutputs gradientDescent(
            JavaRDD<FeatureBlock> blocks, int width, int outputs, String loss, FitContext context) {
        TrainingSetup setup = setup(context);
        Steps steps = Steps.of(setup, blocks.map(b -> (long) b.rows()).fold(0L, Long::sum));
        long seed = setup.seed().orElse(pipeline.seed());
        long started = System.nanoTime();
        LinearOutputs fit = DistributedGradientDescent.fit(
                spark, blocks, width, outputs, loss, setup.optimizer(), steps.total(), steps.fraction(), seed);
        recordEpochs(fit.losses(), steps, started, setup, context);
        return fit;
    }

    /**
     * The engine's {@code mlp}, data-parallel: its network is made on the driver as the engine's trainer makes it
     * (the same sizes, initialisations and {@code init} random stream of the seed), so both runs start from the
     * same values, then trained by {@link NetworkTraining}.
     */
    private Network mlp(JavaRDD<FeatureBlock> blocks, int width, int outputs, String loss, FitContext context) {
        TrainingSetup setup = setup(context);
        Steps steps = Steps.of(setup, blocks.map(b -> (long) b.rows()).fold(0L, Long::sum));
        long seed = setup.seed().orElse(context.seed());
        List<?> hidden = (List<?>) modelOption("hidden");
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = width;
        for (int l = 0; l < hidden.size(); l++) {
            sizes[l + 1] = ((Number) hidden.get(l)).intValue();
        }
        sizes[sizes.length - 1] = outputs;
        Activation activation = Activation.of((String) modelOption("activation"));
        String init = (String) modelOption("init");
        // As MlpFactory: auto is he for relu and gelu hidden layers, xavier otherwise and for the output layer.
        Init hiddenInit = init.equals("auto")
                ? activation == Activation.RELU || activation == Activation.GELU ? Init.HE : Init.XAVIER
                : Init.of(init);
        Init outputInit = init.equals("auto") ? Init.XAVIER : Init.of(init);
        Network network = Network.create(sizes, activation, 0f, hiddenInit, outputInit, Rng.derive(seed, "init"));
        long started = System.nanoTime();
        double[] losses = NetworkTraining.fit(
                spark, blocks, network, loss, setup.optimizer(), steps.total(), steps.fraction(), seed);
        recordEpochs(losses, steps, started, setup, context);
        return network;
    }

    /** The model's option as the pipeline gives it, else the plugin's own default. */
    private Object modelOption(String name) {
        Object given = pipeline.model().trainer().options().get(name);
        if (given != null) {
            return given;
        }
        return pieces.modelOptions(pipeline.model().trainer().type()).stream()
                .filter(o -> o.name().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException(pipeline.model().trainer().type() + " has no option " + name))
                .defaultValue();
    }

    /** Each epoch's history row from the steps' losses. */
    private static void recordEpochs(
            double[] losses, Steps steps, long started, TrainingSetup setup, FitContext context) {
        double seconds = (System.nanoTime() - started) / 1e9 / setup.epochs();
        int stepsPerEpoch = steps.perEpoch();
        long rows = steps.rows();
        for (int e = 0; e < setup.epochs(); e++) {
            // Full batch: the loss before the step, over all rows, as the local loop records it. Mini-batch: the
            // mean of the epoch's batch losses (steps that drew no rows left out).
            double sum = 0;
            int counted = 0;
            for (int s = e * stepsPerEpoch; s < (e + 1) * stepsPerEpoch; s++) {
                if (!Double.isNaN(losses[s])) {
                    sum += losses[s];
                    counted++;
                }
            }
            double mean = counted == 0 ? Double.NaN : sum / counted;
            context.epochEnded(new EpochStats(e + 1, mean, Double.NaN, Map.of(), rows, seconds, Double.NaN));
        }
    }

    /** The loss by name: {@code training.loss}, or the model's default for {@code task}. */
    private String lossName(Task task) {
        Object loss = pipeline.model().trainingOptions().get("loss");
        if (loss instanceof String name) {
            return name;
        }
        return pipeline.model()
                .trainer()
                .component()
                .training()
                .map(TrainingDefaults::losses)
                .map(l -> l.get(task))
                .orElseThrow(() -> new IllegalStateException(
                        pipeline.model().trainer().type() + " names no default loss for " + task));
    }
}
