package dev.quiver.runtime.exec.internal;

import dev.quiver.api.Task;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.EarlyStopping;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunMarker;
import dev.quiver.runtime.explain.ClusterScores;
import dev.quiver.runtime.explain.Coefficients;
import dev.quiver.runtime.explain.FeatureImportance;
import dev.quiver.runtime.explain.Importances;
import dev.quiver.runtime.explain.PartialDependence;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.report.ColumnSummary;
import dev.quiver.runtime.report.Insights;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Gathers the report's {@link Insights} after a run is scored: the splits' rows and classes, the training
 * columns' summary, the fitted transforms, a baseline's scores, the model's coefficients, partial dependence for
 * the top features, the epoch early stopping chose, a clustering run's clusters and the run's own facts. Each
 * part costs at most a pass over a split, and the quadratic or per-grid-point parts work on a bounded sample.
 * Stateless; called on the run's thread.
 */
final class RunInsights {

    /** Rows partial dependence predicts per grid point: enough for a smooth mean, cheap for any split. */
    static final int PDP_ROWS = 2000;
    /** Grid points per partial-dependence curve. */
    static final int PDP_GRID = 20;
    /** How many features get a partial-dependence curve. */
    static final int PDP_FEATURES = 3;
    /** Points the O(n²) silhouette uses at most (a seeded sample beyond). */
    static final int SILHOUETTE_ROWS = 2000;

    private RunInsights() {}

    static Insights gather(
            Pipeline pipeline,
            FittedPipeline fitted,
            Splits splits,
            RunScores scores,
            Optional<Importances> importance,
            History history,
            Instant started,
            BufferAllocator allocator) {
        Map<String, Source> named = new LinkedHashMap<>();
        named.put(RunScores.TRAIN, splits.train());
        splits.validation().ifPresent(s -> named.put(RunScores.VALIDATION, s));
        splits.test().ifPresent(s -> named.put(RunScores.TEST, s));
        Source evaluated = named.get(scores.split());

        Map<String, Long> rows = new LinkedHashMap<>();
        named.forEach((split, source) -> rows.put(split, DataSummary.rows(source, allocator)));
        Map<String, Map<String, Long>> balance = new LinkedHashMap<>();
        Optional<String> target = fitted.target();
        if (fitted.task().isClassification() && target.isPresent()) {
            named.forEach((split, source) -> balance.put(split, DataSummary.counts(source, target.get(), allocator)));
        }
        List<String> columns = new ArrayList<>(fitted.features());
        target.ifPresent(columns::add);
        List<ColumnSummary> summary = DataSummary.of(splits.train(), columns, allocator);

        List<Map.Entry<String, Map<String, Object>>> transforms = new ArrayList<>();
        for (FittedTransform t : fitted.transforms()) {
            transforms.add(Map.entry(t.type(), t.describe()));
        }
        Coefficients coefficients = Coefficients.of(fitted).orElse(null);

        String baselineName = "";
        Map<String, Double> baseline = Map.of();
        if (scores.predictions() != null && target.isPresent()) {
            Predictions base;
            if (fitted.task().isClassification()) {
                Map<String, Long> counts = balance.get(RunScores.TRAIN);
                String majority = counts.keySet().iterator().next();
                baselineName = "majority class (" + majority + "), class shares as probabilities";
                base = majority(scores.predictions(), fitted.classes(), counts);
            } else {
                double mean = summary.get(summary.size() - 1).mean();
                baselineName = "mean of the training target (" + String.format(Locale.ROOT, "%.6g", mean) + ")";
                base = constant(scores.predictions(), mean);
            }
            baseline = score(pipeline.metrics(), base);
        }

        List<PartialDependence.Curve> curves = new ArrayList<>();
        Insights.Clusters clusters = null;
        if (target.isPresent()) {
            curves = partialDependence(fitted, evaluated, top(fitted, importance, coefficients, summary), allocator);
        } else {
            clusters = clusters(fitted, evaluated, pipeline.seed(), allocator);
        }

        EpochStats best = bestEpoch(pipeline, fitted.task(), history);
        Map<String, String> run = new LinkedHashMap<>();
        run.put("Quiver", RunMarker.QUIVER_VERSION);
        run.put("started", started.truncatedTo(ChronoUnit.SECONDS).toString());
        run.put("duration", seconds(Duration.between(started, Instant.now())));
        run.put("machine", machine());
        return new Insights(
                rows,
                balance,
                summary,
                transforms,
                baselineName,
                baseline,
                importance.orElse(null),
                coefficients,
                curves,
                best == null ? 0 : best.epoch(),
                best == null
                        ? ""
                        : stopping(pipeline, fitted.task())
                                .map(EarlyStopping::monitor)
                                .orElse(""),
                clusters,
                run);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    }

    /** The majority class for every row, with the training rows' class shares as its probabilities. */
    static Predictions majority(Predictions on, List<String> classes, Map<String, Long> trainCounts) {
        long total = trainCounts.values().stream().mapToLong(Long::longValue).sum();
        double[] shares = new double[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            shares[c] = trainCounts.getOrDefault(classes.get(c), 0L) / (double) total;
        }
        int majority = classes.indexOf(trainCounts.keySet().iterator().next());
        double[] predicted = new double[on.size()];
        Arrays.fill(predicted, majority);
        double[][] probabilities = new double[on.size()][];
        Arrays.fill(probabilities, shares);
        return new Predictions(on.task(), classes, on.actual(), predicted, probabilities);
    }

    /** The same value for every row, as scikit-learn's {@code DummyRegressor(strategy="mean")}. */
    static Predictions constant(Predictions on, double value) {
        double[] predicted = new double[on.size()];
        Arrays.fill(predicted, value);
        return new Predictions(on.task(), on.classes(), on.actual(), predicted, null);
    }

    private static Map<String, Double> score(List<Named<Metric>> metrics, Predictions predictions) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Named<Metric> m : metrics) {
            out.put(m.type(), m.component().compute(predictions));
        }
        return out;
    }

    /** The features partial dependence is drawn for: by importance, else by largest |weight|, else in order. */
    static List<String> top(
            FittedPipeline fitted,
            Optional<Importances> importance,
            Coefficients coefficients,
            List<ColumnSummary> summary) {
        List<String> numeric = summary.stream()
                .filter(ColumnSummary::numeric)
                .map(ColumnSummary::name)
                .filter(fitted.features()::contains)
                .toList();
        List<String> ranked = new ArrayList<>();
        if (importance.isPresent()) {
            importance.get().features().stream().map(FeatureImportance::feature).forEach(ranked::add);
        } else if (coefficients != null) {
            List<Integer> order = new ArrayList<>();
            for (int f = 0; f < coefficients.features().size(); f++) {
                order.add(f);
            }
            order.sort((a, b) -> Double.compare(largest(coefficients, b), largest(coefficients, a)));
            order.forEach(f -> ranked.add(coefficients.features().get(f)));
        }
        ranked.addAll(fitted.features());
        return ranked.stream()
                .distinct()
                .filter(numeric::contains)
                .limit(PDP_FEATURES)
                .toList();
    }

    private static double largest(Coefficients c, int feature) {
        double max = 0;
        for (double[] row : c.weights()) {
            max = Math.max(max, Math.abs(row[feature]));
        }
        return max;
    }

    private static List<PartialDependence.Curve> partialDependence(
            FittedPipeline fitted, Source rows, List<String> features, BufferAllocator allocator) {
        if (features.isEmpty()) {
            return List.of();
        }
        List<PartialDependence.Curve> out = new ArrayList<>();
        try (Table all = Table.read(rows, allocator, allocator, n -> {})) {
            int[] first = new int[Math.min(PDP_ROWS, all.rows())];
            Arrays.setAll(first, i -> i);
            try (Table sample = all.select(first, allocator)) {
                for (String f : features) {
                    out.add(PartialDependence.compute(fitted, sample, f, PDP_GRID, allocator));
                }
            }
        }
        return out;
    }

    /** Cluster sizes and centroids in the model's input space, with silhouette and Davies-Bouldin. */
    private static Insights.Clusters clusters(
            FittedPipeline fitted, Source rows, long seed, BufferAllocator allocator) {
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
        TreeMap<String, Integer> index = new TreeMap<>(RunInsights::byNumberThenText);
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

    private static Optional<EarlyStopping> stopping(Pipeline pipeline, Task task) {
        return pipeline.model().trainingFor(task).flatMap(t -> t.earlyStopping());
    }

    /** The epoch early stopping judged best, found as the training loop finds it; null without early stopping. */
    static EpochStats bestEpoch(Pipeline pipeline, Task task, History history) {
        Optional<EarlyStopping> stopping = stopping(pipeline, task);
        if (stopping.isEmpty() || history.epochs().isEmpty()) {
            return null;
        }
        EarlyStopping s = stopping.get();
        EpochStats best = null;
        double bestValue = Double.NaN;
        for (EpochStats e : history.epochs()) {
            double v =
                    switch (s.monitor()) {
                        case EarlyStopping.TRAIN_LOSS -> e.trainLoss();
                        case EarlyStopping.VALIDATION_LOSS -> e.validationLoss();
                        default -> e.metrics().getOrDefault(s.monitor(), Double.NaN);
                    };
            if (s.improves(v, bestValue)) {
                best = e;
                bestValue = v;
            }
        }
        return best;
    }
}
