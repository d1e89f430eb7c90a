package dev.quiver.runtime.exec;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.EpochStats;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunHistory;
import dev.quiver.runtime.bundle.RunId;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished run produced. Immutable and thread-safe.
 *
 * @param directory the run folder (complete: it was renamed into place)
 * @param metrics the content of {@code metrics.json}: split name to metric name to value (a NaN value is
 *     null), plus {@code training}, and {@code cv} and {@code tune} when the pipeline has them (see
 *     {@link dev.quiver.runtime.bundle.RunBundle})
 * @param history the epochs, as in {@code history.csv}
 * @param fitted the trained pipeline, ready to predict
 */
public record RunResult(Path directory, Map<String, Object> metrics, List<EpochStats> history, FittedPipeline fitted) {

    /** The splits {@link #metric(String)} reads, most held-out first. */
    private static final List<String> SPLITS = List.of("test", "validation", "train");

    public RunResult {
        history = List.copyOf(history);
    }

    /** The run folder: {@code <output.dir>/<run id>} in a run history, or exactly the {@code --out} folder. */
    public Path runDirectory() {
        return directory;
    }

    /**
     * The run's id ({@code 20261203T114500Z-3f9a1c}) when the run went into a run history; empty for a run saved
     * with {@code --out} into a folder of its own.
     */
    public Optional<String> runId() {
        Path name = directory.getFileName();
        Path parent = directory.getParent();
        return name != null && parent != null && RunId.isId(name.toString()) && RunHistory.isHistory(parent)
                ? Optional.of(name.toString())
                : Optional.empty();
    }

    /** The run history the run went into (its {@code output.dir}); empty for a run saved with {@code --out}. */
    public Optional<Path> historyDirectory() {
        return runId().map(id -> directory.getParent());
    }

    /**
     * The value of {@code metric} on the most held-out split the run scored: {@code test}, else
     * {@code validation}, else {@code train} (the split {@code quiver run} leads with).
     *
     * @throws QuiverException ({@link ErrorCode#CONFIG}) when the pipeline's {@code evaluate:} lacks it, naming
     *     the metrics it has
     */
    public double metric(String metric) {
        return metric(headlineSplit(), metric);
    }

    /** The value of {@code metric} on {@code split} ({@code train}, {@code validation}, {@code test}). */
    public double metric(String split, String metric) {
        Map<String, Double> values = scores(split);
        Double value = values.get(metric);
        if (value == null) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "The run has no metric '" + metric + "' for split '" + split + "'; it has " + values.keySet()
                            + " (add it to the pipeline's evaluate:).");
        }
        return value;
    }

    /**
     * Every metric of {@code split} by name, in {@code evaluate:} order (a NaN score is NaN); empty when the run
     * did not score that split.
     */
    public Map<String, Double> scores(String split) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (metrics.get(split) instanceof Map<?, ?> values) {
            values.forEach((k, v) -> {
                if (v == null || v instanceof Number) {
                    out.put(k.toString(), v == null ? Double.NaN : ((Number) v).doubleValue());
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    /** The metrics of the split {@link #metric(String)} reads. */
    public Map<String, Double> scores() {
        return scores(headlineSplit());
    }

    private String headlineSplit() {
        for (String split : SPLITS) {
            if (metrics.get(split) instanceof Map<?, ?>) {
                return split;
            }
        }
        return "train";
    }
}
