package dev.quiver.plugins.io.synthetic;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import java.util.List;
import java.util.Locale;

/**
 * {@code source: {type: synthetic, rows: N}}: a generated table with a known linear ground truth, for tests
 * and benchmarks. Any size streams in bounded memory, and every pass yields the same rows. Stateless and
 * thread-safe.
 */
public final class SyntheticSourceFactory implements SourceFactory {

    public static final Option<Long> ROWS =
            Option.longInteger("rows", 0).atLeast(1).required().describe("How many rows to generate.");
    public static final Option<Integer> FEATURES =
            Option.integer("features", 10).atLeast(1).describe("How many feature columns (x0, x1, ...; float64).");
    public static final Option<String> TASK = Option.choice("task", "regression", "regression", "binary", "multiclass")
            .describe("What the target y is: a real number (float64), or a class index 0..classes-1 (int64).");
    public static final Option<Integer> CLASSES =
            Option.integer("classes", 3).atLeast(3).describe("How many classes, for task: multiclass.");
    public static final Option<Double> NOISE = Option.real("noise", 0.1)
            .atLeast(0)
            .describe("Standard deviation of the Gaussian noise added to the target (regression) or to each class "
                    + "score (classification).");
    public static final Option<Long> SEED =
            Option.longInteger("seed", 0).describe("Seed of the data; when absent, the pipeline's seed.");
    public static final Option<Integer> BATCH_SIZE =
            Option.integer("batchSize", 8192).atLeast(1).describe("Rows per batch. The data does not depend on it.");

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String description() {
        return "Generates a table from a hidden linear model: regression, binary or multiclass, of any size.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(ROWS, FEATURES, TASK, CLASSES, NOISE, SEED, BATCH_SIZE);
    }

    @Override
    public Source create(Config config, PluginContext context) {
        long rows = config.get(ROWS);
        Task task = Task.valueOf(config.get(TASK).toUpperCase(Locale.ROOT));
        int classes =
                switch (task) {
                    case MULTICLASS -> config.get(CLASSES);
                    case BINARY -> 2;
                    default -> 0;
                };
        if (task != Task.MULTICLASS && config.has(CLASSES.name())) {
            config.problem(CLASSES.name(), "classes applies only to task: multiclass (binary always has 2).");
        }
        long seed = config.has(SEED.name()) ? config.get(SEED) : context.seed();
        SyntheticSpec spec = new SyntheticSpec(
                rows, config.get(FEATURES), task, classes, config.get(NOISE), seed, config.get(BATCH_SIZE));
        return new SyntheticSource(spec);
    }
}
