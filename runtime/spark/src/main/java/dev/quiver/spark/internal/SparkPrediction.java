package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.bundle.RunMarker;
import dev.quiver.runtime.exec.PredictionJob;
import dev.quiver.runtime.exec.PredictionSummary;
import dev.quiver.runtime.pipeline.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A saved run's prediction on Spark, driven from the calling thread: the run is loaded on the driver (so a damaged
 * run or an input the model cannot read fails before any task starts), the input cut into splits, one job writes a
 * part file per split ({@link PartitionPrediction}) into the output's staging folder and returns each task's
 * counts and metric sums, and the driver then moves the parts into place and writes {@code _SUCCESS}
 * ({@link PartFolder}). Stateless.
 */
public final class SparkPrediction {

    private SparkPrediction() {}

    /**
     * Runs {@code job} on {@code spark} in {@code partitions} splits (0: Spark's default parallelism), with
     * {@code registry}'s plugins on the driver.
     */
    public static PredictionSummary run(
            JavaSparkContext spark, PredictionJob job, int partitions, PluginRegistry registry) {
        if (!job.format().equals("arrow") && !job.format().equals("csv")) {
            throw new QuiverException(ErrorCode.USAGE, "--format " + job.format() + ": use arrow or csv.");
        }
        FittedPipeline fitted = RunBundle.load(job.run(), registry);
        PredictionInput input =
                PredictionInput.of(job.input(), partitions > 0 ? partitions : spark.defaultParallelism());
        fitted.outputSchema(input.schema(), job.onInvalid()); // a missing feature column fails here, on the driver
        String target = scoredTarget(fitted, input);
        String marker = marker(job);
        List<PartitionPrediction.Part> parts = new ArrayList<>();
        List<SourceSplit> splits = input.splits();
        for (int i = 0; i < splits.size(); i++) {
            parts.add(
                    new PartitionPrediction.Part(i, splits.get(i), input.files().get(i)));
        }
        PartFolder folder = PartFolder.claim(job.output());
        List<PartitionPrediction.Written> written;
        try {
            PartitionPrediction staged = new PartitionPrediction(
                    job.run().toString(),
                    marker,
                    input.schema().toJson(),
                    job.format(),
                    job.onInvalid(),
                    folder.staging().toString(),
                    target,
                    target == null ? List.of() : fitted.classes());
            written = new ArrayList<>(
                    spark.parallelize(parts, parts.size()).mapPartitions(staged).collect());
        } catch (Exception e) { // Spark's SparkException is checked, and undeclared by Scala
            folder.abandon();
            throw userError(e);
        }
        written.sort(Comparator.comparingInt(PartitionPrediction.Written::index));
        List<String> files;
        try {
            files = folder.complete(
                    written.stream().map(PartitionPrediction.Written::name).toList());
        } catch (RuntimeException e) {
            folder.abandon();
            throw e;
        }
        long read = 0;
        long rows = 0;
        long nulls = 0;
        ScoreTally tally =
                target == null ? null : new ScoreTally(fitted.classes().size());
        for (PartitionPrediction.Written w : written) {
            read += w.read();
            rows += w.written();
            nulls += w.nulls();
            if (tally != null) {
                tally.merge(w.tally());
            }
        }
        Map<String, Double> metrics = tally == null
                ? Map.of()
                : tally.scores(
                        new TreeSet<>(
                                fitted.task().isClassification() ? ScoreTally.CLASSIFICATION : ScoreTally.REGRESSION),
                        fitted.task().isClassification());
        return new PredictionSummary(read, rows, nulls, files, metrics);
    }

    /** The run's target when the input holds it and the task is one Spark scores: what the metrics compare with. */
    private static String scoredTarget(FittedPipeline fitted, PredictionInput input) {
        if (fitted.target().isEmpty() || fitted.task() == Task.CLUSTERING) {
            return null;
        }
        String target = fitted.target().get();
        boolean present =
                input.schema().getFields().stream().map(Field::getName).anyMatch(target::equals);
        return present ? target : null;
    }

    private static String marker(PredictionJob job) {
        try {
            return Files.readString(job.run().resolve(RunMarker.FILE));
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot read the run in " + job.run() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A task's user error as the user's (Spark wraps it in its own exception, the task's as the cause); anything
     * else is Spark's or Quiver's failure.
     */
    static RuntimeException userError(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof QuiverException q) {
                return q;
            }
        }
        return failure instanceof RuntimeException r
                ? r
                : new QuiverException(ErrorCode.INTERNAL, "The Spark job failed: " + failure.getMessage(), failure);
    }
}
