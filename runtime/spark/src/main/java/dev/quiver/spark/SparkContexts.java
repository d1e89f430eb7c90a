package dev.quiver.spark;

import org.apache.spark.SparkConf;

/**
 * The Spark settings Quiver starts a driver with when it owns the session ({@code execution: {engine: spark,
 * master: ...}}); under spark-submit the application's own session is used instead. Stateless.
 */
public final class SparkContexts {

    private SparkContexts() {}

    /**
     * A configuration for {@code master} ({@code local[2]}, {@code spark://host:7077}) that binds the driver to
     * {@code host} (127.0.0.1 for tests and single machines; null leaves Spark's choice), keeps Spark's web UI off
     * (a pipeline run is a batch job, and a UI port per run would collide on shared machines) and logs at WARN
     * unless {@code spark.log.level} says otherwise.
     */
    public static SparkConf conf(String appName, String master, String host) {
        SparkConf conf = new SparkConf()
                .setAppName(appName)
                .setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                // Spark's default profile logs about 80 INFO lines to stderr for one small job, burying Quiver's own
                // output; a user who wants them sets -Dspark.log.level=INFO (read by SparkConf, so kept here).
                .setIfMissing("spark.log.level", "WARN");
        if (host != null) {
            conf.set("spark.driver.host", host).set("spark.driver.bindAddress", host);
        }
        return conf;
    }
}
