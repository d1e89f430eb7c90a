package dev.quiver.spark;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.exec.PredictionEngine;
import dev.quiver.runtime.exec.PredictionJob;
import dev.quiver.runtime.exec.PredictionSummary;
import dev.quiver.spark.internal.SparkPrediction;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code quiver predict --engine spark}: a saved run predicts its input on Apache Spark, one task per split of
 * the input, each writing its rows' predictions to {@code part-NNNNN.arrow} (or {@code .csv}) in the output folder,
 * and {@code _SUCCESS} last; the metrics Spark sums exactly are aggregated when the input has the target. Inside
 * a Spark application call {@link #predict(JavaSparkContext, PredictionJob)} with its context. The run folder and
 * the input must be readable at the same paths where the tasks run, and the plugins the run needs must be on the
 * executors' class path.
 *
 * <p>Registered for {@link java.util.ServiceLoader} as a {@link PredictionEngine}, so the command line finds it
 * when this jar is on the class path. Stateless and thread-safe; each call uses the calling thread as its Spark
 * driver thread.
 */
public final class SparkPredictor implements PredictionEngine {

    /** The master URLs Spark itself accepts; anything else is refused before Spark starts. */
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+, *\\d+, *\\d+]|spark://\\S+|yarn|k8s://\\S+");

    @Override
    public String name() {
        return "spark";
    }

    /**
     * Runs {@code job}: with the option {@code master}, on a driver of its own (bound to 127.0.0.1 for a local or
     * loopback master), stopped at the end; without, in the running application's {@code SparkContext}.
     * {@code partitions} (default: Spark's default parallelism) is how many splits the input is cut into.
     */
    @Override
    public PredictionSummary predict(PredictionJob job) {
        int partitions = partitions(job.options().get("partitions"));
        String master = job.options().get("master");
        if (master == null) {
            return predict(JavaSparkContext.fromSparkContext(runningContext()), job, partitions);
        }
        if (!MASTER.matcher(master).matches()) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "--master '" + master + "' is not a Spark master URL; use local[N], local[*] or "
                            + "spark://host:port (yarn and k8s://... under spark-submit).");
        }
        try (JavaSparkContext spark =
                new JavaSparkContext(SparkContexts.conf("quiver-predict", master, SparkEngine.driverHost(master)))) {
            return predict(spark, job, partitions);
        }
    }

    /**
     * Runs {@code job} on {@code spark}, the application's context (left running), in as many splits as its
     * option {@code partitions} says (default: Spark's default parallelism); {@code master} is ignored. The
     * driver's plugins are those of this class's loader. Call it from the application's driver thread.
     */
    public static PredictionSummary predict(JavaSparkContext spark, PredictionJob job) {
        return predict(spark, job, partitions(job.options().get("partitions")));
    }

    private static PredictionSummary predict(JavaSparkContext spark, PredictionJob job, int partitions) {
        return SparkPrediction.run(spark, job, partitions, TaskPlugins.registry());
    }

    /** The application's context (spark-submit's, or one this JVM started); without one, what to add. */
    private static SparkContext runningContext() {
        try {
            return SparkContext.getOrCreate();
        } catch (Exception e) { // SparkException, checked but undeclared by Scala
            if (e instanceof RuntimeException r
                    && !(e.getMessage() != null && e.getMessage().contains("master"))) {
                throw r;
            }
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "predict --engine spark outside a Spark application needs --master (local[2], "
                            + "spark://host:7077): " + e.getMessage(),
                    e);
        }
    }

    private static int partitions(String value) {
        if (value == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new QuiverException(ErrorCode.USAGE, "--partitions " + value + ": give a whole number of at least 1.");
    }
}
