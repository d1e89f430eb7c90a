package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.engine.nn.Activation;
import dev.quiver.engine.nn.Init;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.runtime.exec.DistributedFit;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.spark.DistributedGradientDescent;
import dev.quiver.spark.DistributedLeastSquares;
import dev.quiver.spark.DistributedStatistics;
import dev.quiver.spark.FeatureBlock;
import dev.quiver.spark.LinearFit;
import dev.quiver.spark.LinearOutputs;
import dev.quiver.spark.Standardization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * A pipeline's fit step on Spark: the driver asks the source for splits, tasks read them into cached blocks, each
 * transform is fitted from one {@code treeAggregate} of column statistics and applied to the blocks, and the model
 * is trained on them (least squares from one aggregate of {@code ZᵀZ}, {@code Zᵀy}; gradient descent one job per
 * step). The pieces are then built by their own plugins ({@link FittedPieces}). Only what {@link SparkSupport}
 * accepts reaches here. Single use, on the Spark driver thread.
 */
public final class SparkPipelineFit implements DistributedFit {

    private final JavaSparkContext spark;
    private final Pipeline pipeline;
    private final FittedPieces pieces;
    private final int partitions;

    /** @param partitions how many splits to ask the source for; 0 for Spark's default parallelism */
    public SparkPipelineFit(JavaSparkContext spark, Pipeline pipeline, PluginRegistry registry, int partitions) {
        this.spark = spark;
        this.pipeline = pipeline;
        this.pieces = new FittedPieces(registry);
        this.partitions = partitions;
    }

    @Override
    public Result fit(Task task, List<String> classes, FitContext context) {
        List<String> features = pipeline.data().columns().features();
        String target = pipeline.data()
                .columns()
                .target()
                .orElseThrow(() -> new QuiverException(ErrorCode.CONFIG, "training on Spark needs a target column."));
        int count = partitions > 0 ? partitions : spark.defaultParallelism();
        List<SourceSplit> splits = pipeline.data().source().component().splits(count);
        if (splits.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "source '" + pipeline.data().source().type() + "' ("
                            + pipeline.data().source().component().describe()
                            + ") cannot be split for Spark; use a file source that can (csv, parquet).");
        }
        Optional<TargetClasses> found =
                task.isClassification() ? Optional.of(collectClasses(splits, target, classes)) : Optional.empty();
        List<JavaRDD<FeatureBlock>> cached = new ArrayList<>();
        try {
            // impute and one-hot first, over the source's Arrow batches (they read text and missing cells);
            // SparkSupport checked that they come before the numeric scalers.
            Schema schema = pipeline.data().source().component().schema();
            Columns columns = new Columns(features, Optional.of(target));
            List<FittedTransform> fitted = new ArrayList<>();
            List<ShippedTransform> shipped = new ArrayList<>();
            List<Named<Transform>> transforms = pipeline.data().transforms();
            int next = 0;
            for (;
                    next < transforms.size()
                            && SparkSupport.SOURCE_TRANSFORMS.contains(
                                    transforms.get(next).type());
                    next++) {
                FittedTransform transform =
                        SourceTransformFits.fit(spark, splits, shipped, transforms.get(next), schema, columns, pieces);
                fitted.add(transform);
                shipped.add(ShippedTransform.of(transform));
                schema = transform.outputSchema(schema);
                columns = transform.columns(columns);
            }
            List<String> modelFeatures = columns.features();
            JavaRDD<FeatureBlock> blocks = SplitReader.blocks(
                    spark,
                    splits,
                    modelFeatures,
                    target,
                    found.map(TargetClasses::classes).orElse(List.of()),
                    shipped);
            cached.add(blocks);
            long rows = blocks.map(b -> (long) b.rows()).fold(0L, Long::sum);
            if (rows == 0) {
                throw new QuiverException(
                        ErrorCode.DATA, pipeline.data().source().component().describe() + ": no rows to train on.");
            }
            context.note("Spark: " + rows + " rows in " + splits.size() + " splits");
            for (; next < transforms.size(); next++) {
                blocks = fitTransform(transforms.get(next), blocks, modelFeatures, fitted);
                cached.add(blocks);
            }
            Model model = found.isPresent()
                    ? classifier(blocks, modelFeatures, task, found.get(), context)
                    : train(blocks, modelFeatures, context);
            return new Result(fitted, model, rows);
        } finally {
            cached.forEach(JavaRDD::unpersist);
        }
    }

    /**
     * The classes from one Spark pass over the splits; they must be the runtime's (which orders them for the
     * metrics and the report), or the two would disagree on what an output means.
     */
    private TargetClasses collectClasses(List<SourceSplit> splits, String target, List<String> expected) {
        TargetClasses found = TargetClasses.collect(spark, splits, target);
        if (!expected.isEmpty() && !found.classes().equals(expected)) {
            throw new QuiverException(
                    ErrorCode.INTERNAL,
                    "Spark found the classes " + found.classes() + " of '" + target + "', the runtime " + expected
                            + "; the source's splits do not read the rows the source does.");
        }
        return found;
    }

    /** Fits one transform on {@code blocks} and returns them transformed (cached: training reads them often). */
    private JavaRDD<FeatureBlock> fitTransform(
            Named<?> transform, JavaRDD<FeatureBlock> blocks, List<String> features, List<FittedTransform> fitted) {
        int width = features.size();
        if (transform.type().equals("standardize")) {
            Standardization s = DistributedStatistics.standardize(blocks, width);
            fitted.add(pieces.standardize(features, s.mean(), s.scale()));
            return blocks.map(s::apply).persist(StorageLevel.MEMORY_AND_DISK());
        }
        MinMaxScaling m = MinMaxScaling.fit(DistributedStatistics.moments(blocks, width), range(transform), features);
        fitted.add(pieces.minMax(features, m.min(), m.max(), m.scale(), m.offset()));
        return blocks.map(m::apply).persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static double[] range(Named<?> transform) {
        Object range = transform.options().get("range");
        if (range instanceof List<?> bounds && bounds.size() == 2) {
            return new double[] {((Number) bounds.get(0)).doubleValue(), ((Number) bounds.get(1)).doubleValue()};
        }
        return new double[] {0, 1};
    }

    private Model train(JavaRDD<FeatureBlock> blocks, List<String> planned, FitContext context) {
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
    private Model classifier(
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
