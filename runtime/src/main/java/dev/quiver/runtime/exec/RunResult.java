package dev.quiver.runtime.exec;

import dev.quiver.api.model.EpochStats;
import dev.quiver.runtime.bundle.FittedPipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a finished run produced. Immutable.
 *
 * @param directory the run folder (complete: it was renamed into place)
 * @param metrics the content of {@code metrics.json}: split name to metric name to value (a NaN value is
 *     null), plus {@code training}, and {@code cv} and {@code tune} when the pipeline has them (see
 *     {@link dev.quiver.runtime.bundle.RunBundle})
 * @param history the epochs, as in {@code history.csv}
 * @param fitted the trained pipeline, ready to predict
 */
public record RunResult(Path directory, Map<String, Object> metrics, List<EpochStats> history, FittedPipeline fitted) {

    public RunResult {
        history = List.copyOf(history);
    }

    /** The value of {@code metric} on {@code split} ({@code train}, {@code validation}, {@code test}). */
    public double metric(String split, String metric) {
        if (metrics.get(split) instanceof Map<?, ?> values && values.get(metric) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("no metric '" + metric + "' for split '" + split + "' in " + metrics);
    }
}
