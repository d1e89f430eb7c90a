package dev.quiver.spark;

import dev.quiver.api.config.Option;
import dev.quiver.runtime.exec.EngineRun;
import dev.quiver.runtime.exec.ExecutionEngine;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.spark.internal.SparkPipelineFit;
import dev.quiver.spark.internal.SparkSupport;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code execution: {engine: spark, master: "local[2]"}}: the pipeline's transforms are fitted, its model
 * trained and its train metrics that sum exactly aggregated on Apache Spark, and the runtime then scores the rest
 * and saves the run folder as for a local run. What Spark cannot run yet is refused before it starts. With
 * {@code master} the engine starts (and stops) its own driver; without, it joins the application's running
 * {@code SparkContext} (spark-submit) and leaves it running. Registered for {@link java.util.ServiceLoader}, so the
 * runtime finds it when this jar is on the class path. Stateless and thread-safe; each run uses the calling thread
 * as its Spark driver thread.
 */
public final class SparkEngine implements ExecutionEngine {

    static final Option<String> MASTER = Option.string("master", null)
            .describe("Spark master URL: local[N], spark://host:7077; default: the running application's"
                    + " (spark-submit).");
    static final Option<Integer> PARTITIONS = Option.integer("partitions", 0)
            .atLeast(0)
            .describe("How many splits the source is read in; 0: Spark's default parallelism.");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(MASTER, PARTITIONS);
    }

    @Override
    public RunResult run(EngineRun run) {
        SparkSupport.check(run.pipeline());
        Object master = run.executionOptions().get(MASTER.name());
        int partitions = ((Number) run.executionOptions().getOrDefault(PARTITIONS.name(), 0)).intValue();
        if (master == null) {
            JavaSparkContext spark = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate());
            return run.complete(new SparkPipelineFit(spark, run.pipeline(), run.registry(), partitions));
        }
        String url = master.toString();
        try (JavaSparkContext spark = new JavaSparkContext(
                SparkContexts.conf("quiver-" + run.pipeline().name(), url, driverHost(url)))) {
            return run.complete(new SparkPipelineFit(spark, run.pipeline(), run.registry(), partitions));
        }
    }

    /** 127.0.0.1 for a local or loopback master, so a single machine never binds its public address. */
    static String driverHost(String master) {
        boolean loopback =
                master.startsWith("local") || master.contains("://127.0.0.1") || master.contains("://localhost");
        return loopback ? "127.0.0.1" : null;
    }
}
