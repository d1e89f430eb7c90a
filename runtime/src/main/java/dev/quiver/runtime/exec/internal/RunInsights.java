package dev.quiver.runtime.exec.internal;

import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.EarlyStopping;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunMarker;
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
import org.apache.arrow.memory.BufferAllocator;

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
            clusters = ClusterInsight.of(
                    fitted,
                    evaluated,
                    pipeline.seed(),
                    scores.values().getOrDefault(scores.split(), Map.of()),
                    allocator);
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
