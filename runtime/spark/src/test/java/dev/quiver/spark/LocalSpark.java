package dev.quiver.spark;

import org.apache.spark.api.java.JavaSparkContext;

/** One embedded {@code local[2]} driver on 127.0.0.1 for a test class; stop it in {@code @AfterAll}. */
final class LocalSpark {

    private LocalSpark() {}

    static JavaSparkContext start(String name) {
        return new JavaSparkContext(SparkContexts.conf(name, "local[2]", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "4")
                .set("spark.driver.memory", "512m"));
    }
}
