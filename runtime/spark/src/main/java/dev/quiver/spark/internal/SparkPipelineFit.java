package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.DistributedFit;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.spark.DistributedStatistics;
import dev.quiver.spark.FeatureBlock;
import dev.quiver.spark.Standardization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
    private final SparkModelFit models;
    /** What {@link #fit} read, for {@link #trainScores}. */
    private List<SourceSplit> splits = List.of();

    private List<String> classes = List.of();

    /** @param partitions how many splits to ask the source for; 0 for Spark's default parallelism */
    public SparkPipelineFit(JavaSparkContext spark, Pipeline pipeline, PluginRegistry registry, int partitions) {
        this.spark = spark;
        this.pipeline = pipeline;
        this.pieces = new FittedPieces(registry);
        this.partitions = partitions;
        this.models = new SparkModelFit(spark, pipeline, pieces);
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
        this.splits = List.copyOf(splits);
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
            while (next < transforms.size()
                    && SparkSupport.SOURCE_TRANSFORMS.contains(
                            transforms.get(next).type())) {
                FittedTransform transform =
                        SourceTransformFits.fit(spark, splits, shipped, transforms.get(next), schema, columns, pieces);
                fitted.add(transform);
                shipped.add(ShippedTransform.of(transform));
                schema = transform.outputSchema(schema);
                columns = transform.columns(columns);
                next++;
            }
            this.classes = found.map(TargetClasses::classes).orElse(List.of());
            List<String> modelFeatures = columns.features();
            JavaRDD<FeatureBlock> blocks =
                    SplitReader.blocks(spark, splits, modelFeatures, target, this.classes, shipped);
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
                    ? models.classifier(blocks, modelFeatures, task, found.get(), context)
                    : models.regression(blocks, modelFeatures, context);
            return new Result(fitted, model, rows);
        } finally {
            cached.forEach(JavaRDD::unpersist);
        }
    }

    /**
     * The train split's metrics that Spark computes exactly ({@link DistributedScores}), in one more job over the
     * splits; the runtime computes the others itself.
     */
    @Override
    public Map<String, Double> trainScores(FittedPipeline fitted) {
        Set<String> wanted = pipeline.metrics().stream().map(Named::type).collect(Collectors.toSet());
        Set<String> supported = DistributedScores.supported(wanted, !classes.isEmpty());
        if (supported.isEmpty() || splits.isEmpty() || fitted.target().isEmpty()) {
            return Map.of();
        }
        return DistributedScores.score(
                spark,
                splits,
                fitted.transforms(),
                fitted.model(),
                fitted.target().get(),
                classes,
                supported);
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
}
