package dev.quiver.runtime.report;

import dev.quiver.runtime.explain.Coefficients;
import dev.quiver.runtime.explain.Importances;
import dev.quiver.runtime.explain.PartialDependence;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows beyond scores and curves: the data, the fitted transforms, baselines, and why the model
 * predicts what it does. Every part may be empty (or null where said), and the report leaves its section out.
 * Immutable apart from the arrays of the explain records, which are only read; thread-safe to read.
 *
 * @param splitRows rows per split, in split order ({@code train -> 120})
 * @param classBalance per split, the rows of each class (classification), most frequent first
 * @param columns the training rows' feature columns (and the target last)
 * @param transforms each fitted transform's type and fitted values ({@code describe()}), in order
 * @param baselineName what the baseline predicts, e.g. {@code majority class (setosa)}; empty for none
 * @param baseline the baseline's score per metric on the evaluated split
 * @param importance permutation importance; null when not measured
 * @param coefficients a linear model's weights by feature; null for other models
 * @param partialDependence curves for the top features, most important first
 * @param bestEpoch the epoch early stopping chose (its parameters were kept with restoreBest), 0 for none
 * @param bestEpochMonitor the figure it watched, e.g. {@code validation_loss}
 * @param clusters a clustering run's clusters; null for other runs
 * @param run facts about the run itself (Quiver version, start, duration, machine), shown with the others
 */
public record Insights(
        Map<String, Long> splitRows,
        Map<String, Map<String, Long>> classBalance,
        List<ColumnSummary> columns,
        List<Map.Entry<String, Map<String, Object>>> transforms,
        String baselineName,
        Map<String, Double> baseline,
        Importances importance,
        Coefficients coefficients,
        List<PartialDependence.Curve> partialDependence,
        int bestEpoch,
        String bestEpochMonitor,
        Clusters clusters,
        Map<String, String> run) {

    /** Nothing beyond the scores. */
    public static final Insights NONE = new Insights(
            Map.of(), Map.of(), List.of(), List.of(), "", Map.of(), null, null, List.of(), 0, "", null, Map.of());

    /**
     * A clustering run's clusters, on the rows it evaluated.
     *
     * @param features the model's input columns (after the transforms), the centroids' coordinates
     * @param sizes rows per cluster, by cluster index
     * @param centroids {@code [cluster][feature]}, the mean of each cluster's points in the model's input space
     * @param scores silhouette, Davies-Bouldin and (with labels) adjusted Rand index, by name
     * @param sampled how many rows the O(n²) silhouette used (all of them, or a seeded sample)
     */
    public record Clusters(
            List<String> features, int[] sizes, double[][] centroids, Map<String, Double> scores, int sampled) {}

    public Insights {
        splitRows = Collections.unmodifiableMap(new LinkedHashMap<>(splitRows));
        classBalance = Collections.unmodifiableMap(new LinkedHashMap<>(classBalance));
        columns = List.copyOf(columns);
        transforms = List.copyOf(transforms);
        baselineName = baselineName == null ? "" : baselineName;
        baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
        partialDependence = List.copyOf(partialDependence);
        bestEpochMonitor = bestEpochMonitor == null ? "" : bestEpochMonitor;
        run = Collections.unmodifiableMap(new LinkedHashMap<>(run));
    }
}
