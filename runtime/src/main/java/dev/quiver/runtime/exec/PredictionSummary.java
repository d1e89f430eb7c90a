package dev.quiver.runtime.exec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link PredictionEngine} wrote. Immutable, so any thread may read it.
 *
 * @param read the input rows read
 * @param written the rows written (fewer than {@code read} under {@code --on-invalid skip})
 * @param nulls the rows written with null predictions ({@code --on-invalid null})
 * @param files the output files written, in row order
 * @param metrics the metrics aggregated over the rows that have a target and a prediction, by name; empty when
 *     the input has no target column
 */
public record PredictionSummary(long read, long written, long nulls, List<String> files, Map<String, Double> metrics) {

    public PredictionSummary {
        files = List.copyOf(files);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); // in the order computed
    }
}
