package dev.quiver.runtime.explain;

import dev.quiver.api.Task;
import dev.quiver.api.config.Option;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@code evaluate: [permutation-importance]} (or {@code {type: permutation-importance, repeats: 10,
 * seed: 0, metric: f1-macro}}): not a metric plugin but a runtime step, since it must call the model again. The
 * assembler reads and checks the entry when the pipeline is loaded. Immutable and thread-safe.
 *
 * @param repeats shuffles per column (scikit-learn's {@code n_repeats}, default 5)
 * @param seed the seed of the shuffles (default: the pipeline's seed)
 * @param metric the metric plugin to score with; empty for the task's default ({@link #defaultMetric})
 */
public record ImportanceOptions(int repeats, long seed, Optional<String> metric) {

    /** The entry's name in {@code evaluate:}. */
    public static final String NAME = "permutation-importance";

    public static final Option<Integer> REPEATS =
            Option.integer("repeats", 5).describe("How many times each column is shuffled.");
    public static final Option<Long> SEED =
            Option.longInteger("seed", 0L).describe("The seed of the shuffles; default the pipeline's seed.");
    public static final Option<String> METRIC = Option.string("metric", null)
            .describe("The metric to score with; default accuracy (classification) or r2 (regression).");

    /** Every option name, for the unknown-key check. */
    public static final List<String> KEYS = List.of(REPEATS.name(), SEED.name(), METRIC.name());

    /** What scikit-learn's estimators score with by default: accuracy for classifiers, r2 for regressors. */
    public static String defaultMetric(Task task) {
        return task.isClassification() ? "accuracy" : "r2";
    }

    /** Whether an {@code evaluate:} item, as plain YAML, names this step. */
    public static boolean names(Object item) {
        return NAME.equals(item) || (item instanceof Map<?, ?> map && NAME.equals(map.get("type")));
    }
}
