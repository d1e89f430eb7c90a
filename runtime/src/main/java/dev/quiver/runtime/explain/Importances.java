package dev.quiver.runtime.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link PermutationImportance#compute}: the unshuffled score and one {@link FeatureImportance} per
 * input column, most important first (ties in column order). Immutable and thread-safe.
 *
 * @param metric the metric the scores are in
 * @param higherIsBetter whether the metric grows with quality (a drop is then {@code baseline - shuffled})
 * @param baseline the score on the rows as given
 * @param rows how many rows were scored
 * @param repeats shuffles per column
 * @param seed the seed the shuffles derive from
 * @param features the importances, largest mean first
 */
public record Importances(
        String metric,
        boolean higherIsBetter,
        double baseline,
        int rows,
        int repeats,
        long seed,
        List<FeatureImportance> features) {

    public Importances {
        List<FeatureImportance> sorted = new ArrayList<>(features);
        sorted.sort(Comparator.comparingDouble(FeatureImportance::mean).reversed());
        features = List.copyOf(sorted);
    }

    /** The importance of {@code feature}, or null when it was not measured. */
    public FeatureImportance of(String feature) {
        return features.stream()
                .filter(f -> f.feature().equals(feature))
                .findFirst()
                .orElse(null);
    }

    /** As metrics.json's {@code importance}: {@code {metric, baseline, rows, repeats, seed, features: [...]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", "permutation");
        json.put("metric", metric);
        json.put("baseline", finite(baseline));
        json.put("rows", rows);
        json.put("repeats", repeats);
        json.put("seed", seed);
        List<Map<String, Object>> list = new ArrayList<>();
        for (FeatureImportance f : features) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("feature", f.feature());
            entry.put("mean", finite(f.mean()));
            entry.put("std", finite(f.std()));
            list.add(entry);
        }
        json.put("features", list);
        return json;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
