package dev.quiver.spark;

import dev.quiver.api.model.EpochStats;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.exec.RunListener;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The W1 benchmark of issue 14, not a test: CI never names it (surefire only runs it with
 * {@code -Dtest=SparkW1Bench}, as {@code bench/spark.sh} does). W1 ({@code bench/w1-csv.yaml}) with full-batch
 * Adam, so every epoch is one step and, on Spark, one job; each CSV of {@code W1_CSVS} (comma-separated paths) is
 * run for {@code W1_EPOCHS} (two counts) epochs on the local engine, on Spark {@code local[2]} and on a
 * standalone cluster (a Master and a Worker process on 127.0.0.1, two single-core executor JVMs). The per-step
 * cost is the slope of the run's wall time over the epoch count, the fixed cost its intercept (reading, scoring,
 * writing the run, starting a driver). A markdown table goes to {@code W1_BENCH_OUT}. {@code W1_ENGINES} picks
 * engines ({@code local,local[2],cluster}).
 */
class SparkW1Bench {

    private static final String CLUSTER = "cluster";

    @Test
    void measure() throws Exception {
        List<Path> csvs = new ArrayList<>();
        for (String path : env("W1_CSVS").split(",")) {
            csvs.add(Path.of(path));
        }
        String[] counts = System.getenv().getOrDefault("W1_EPOCHS", "1,21").split(",");
        int few = Integer.parseInt(counts[0]);
        int many = Integer.parseInt(counts[1]);
        Path out = Path.of(env("W1_BENCH_OUT"));
        Path temp = Files.createTempDirectory("quiver-w1-bench");
        List<String> lines = new ArrayList<>();
        lines.add("| engine | rows | wall s, " + few + " epochs | wall s, " + many
                + " epochs | per step ms (slope) | fixed s (intercept) | step ms (epoch history) |");
        lines.add("|---|---|---|---|---|---|---|");
        for (String engine : System.getenv()
                .getOrDefault("W1_ENGINES", "local,local[2]," + CLUSTER)
                .split(",")) {
            StandaloneCluster cluster = engine.equals(CLUSTER) ? startCluster() : null;
            try {
                String master = cluster == null ? engine : cluster.masterUrl();
                // Warms the JIT (and, on Spark, class loading) so the first measured run is not charged for it.
                time(temp, csvs.get(0), master, few);
                for (Path csv : csvs) {
                    long rows;
                    try (var records = Files.lines(csv)) {
                        rows = records.count() - 1;
                    }
                    Timed a = time(temp, csv, master, few);
                    Timed b = time(temp, csv, master, many);
                    double slope = (b.seconds - a.seconds) / (many - few);
                    String line = String.format(
                            Locale.ROOT,
                            "| %s | %,d | %.2f | %.2f | %.1f | %.2f | %.1f |",
                            engine.equals(CLUSTER) ? "standalone, 2 executors" : engine,
                            rows,
                            a.seconds,
                            b.seconds,
                            1000 * slope,
                            a.seconds - few * slope,
                            1000 * b.stepSeconds);
                    System.out.println(line);
                    lines.add(line);
                    Files.write(out, lines);
                }
            } finally {
                if (cluster != null) {
                    cluster.close();
                    for (String key : List.of(
                            "spark.executor.cores",
                            "spark.cores.max",
                            "spark.executor.memory",
                            "spark.executor.extraClassPath")) {
                        System.clearProperty(key);
                    }
                }
            }
        }
    }

    private record Timed(double seconds, double stepSeconds) {}

    /** One run of W1 on {@code csv} ({@code master} null or "local": the local engine), timed end to end. */
    private static Timed time(Path temp, Path csv, String master, int epochs) throws IOException {
        Path dir = Files.createTempDirectory(temp, "run");
        String yaml = Files.readString(Path.of("../../bench/w1-csv.yaml"))
                .replace("${W1_CSV}", csv.toAbsolutePath().toString());
        if (!master.equals("local")) {
            yaml += "execution: {engine: spark, master: \"" + master + "\"}\n";
        }
        Path file = dir.resolve("w1.yaml");
        Files.writeString(file, yaml);
        List<String> sets = List.of("training.batchSize=full", "training.epochs=" + epochs);
        long started = System.nanoTime();
        List<EpochStats> history;
        double seconds;
        try {
            try (Quiver quiver = Quiver.create()) {
                Pipeline pipeline = quiver.load(file, sets);
                RunResult result = quiver.run(
                        pipeline, new RunOptions(Optional.of(dir.resolve("run")), false, new RunListener() {}));
                history = result.history();
            }
            seconds = (System.nanoTime() - started) / 1e9;
        } finally {
            deleteTree(dir); // outside the timing; a million-row run writes hundreds of MB
        }
        double step = history.stream().mapToDouble(EpochStats::seconds).sum() / history.size();
        return new Timed(seconds, step);
    }

    /** The cluster of StandaloneClusterTest; the driver's settings go through system properties, as SparkConf reads. */
    private static StandaloneCluster startCluster() throws IOException, InterruptedException {
        StandaloneCluster cluster = StandaloneCluster.start(2);
        System.setProperty("spark.executor.cores", "1");
        System.setProperty("spark.cores.max", "2");
        System.setProperty("spark.executor.memory", "900m");
        System.setProperty("spark.executor.extraClassPath", cluster.classFolders());
        return cluster;
    }

    /** Deletes the runs' folders: a million-row run writes hundreds of MB of predictions. */
    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; run bench/spark.sh");
        }
        return value;
    }
}
