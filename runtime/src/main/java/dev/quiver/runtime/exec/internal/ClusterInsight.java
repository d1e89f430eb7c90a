package dev.quiver.runtime.exec.internal;

import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.explain.ClusterScores;
import dev.quiver.runtime.report.Insights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A clustering run's part of the report's {@link Insights}: cluster sizes, centroids and scores, one pass over the
 * evaluated rows (the O(n²) silhouette on a seeded sample); scores that compare with true groups are the run's
 * metrics, computed once by their plugins. Stateless; called on the run's thread.
 */
final class ClusterInsight {

    /** Points the O(n²) silhouette uses at most (a seeded sample beyond). */
    static final int SILHOUETTE_ROWS = 2000;

    private ClusterInsight() {}

    /**
     * Cluster sizes and centroids in the model's input space, with silhouette and Davies-Bouldin, then the run's
     * {@code metrics} of these rows (those of {@code evaluate:}, such as adjusted-rand against columns.labels).
     */
    static Insights.Clusters of(
            FittedPipeline fitted, Source rows, long seed, Map<String, Double> metrics, BufferAllocator allocator) {
        List<String> inputs = fitted.model().features();
        List<double[]> points = new ArrayList<>();
        try (BatchReader reader =
                TransformedSource.of(rows, fitted.transforms()).open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                for (int r = 0; r < root.getRowCount(); r++) {
                    double[] p = new double[inputs.size()];
                    for (int f = 0; f < p.length; f++) {
                        p[f] = ArrowColumns.getDouble(root.getVector(inputs.get(f)), r);
                    }
                    points.add(p);
                }
            }
        }
        List<String> labels = new ArrayList<>();
        try (BatchReader reader = rows.open(allocator)) {
            while (reader.loadNextBatch()) {
                try (VectorSchemaRoot out = fitted.predict(reader.root(), allocator)) {
                    FieldVector v = out.getVector(PredictionColumns.PREDICTION);
                    for (int r = 0; r < out.getRowCount(); r++) {
                        labels.add(ClassLabels.labelOf(v, r));
                    }
                }
            }
        }
        TreeMap<String, Integer> index = new TreeMap<>(ClusterInsight::byNumberThenText);
        labels.forEach(l -> index.putIfAbsent(l, 0));
        int next = 0;
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            e.setValue(next++);
        }
        int[] cluster = labels.stream().mapToInt(index::get).toArray();
        double[][] x = points.toArray(new double[0][]);
        int k = index.size();
        Map<String, Double> scoresByName = new LinkedHashMap<>();
        int[] sample = sample(x.length, SILHOUETTE_ROWS, seed);
        double[][] xs = new double[sample.length][];
        int[] cs = new int[sample.length];
        for (int i = 0; i < sample.length; i++) {
            xs[i] = x[sample[i]];
            cs[i] = cluster[sample[i]];
        }
        scoresByName.put("silhouette", ClusterScores.silhouette(xs, cs));
        scoresByName.put("davies-bouldin", ClusterScores.daviesBouldin(x, cluster));
        scoresByName.putAll(metrics);
        return new Insights.Clusters(
                inputs,
                ClusterScores.sizes(cluster, k),
                ClusterScores.centroids(x, cluster, k),
                scoresByName,
                sample.length);
    }

    private static int byNumberThenText(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException | NullPointerException e) {
            return String.valueOf(a).compareTo(String.valueOf(b));
        }
    }

    /** All of {@code 0..n-1} when {@code n <= max}, else a seeded sample of {@code max}, ascending. */
    static int[] sample(int n, int max, long seed) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        if (n <= max) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, max);
        Arrays.sort(out);
        return out;
    }
}
