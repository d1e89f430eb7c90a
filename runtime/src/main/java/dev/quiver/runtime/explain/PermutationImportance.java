package dev.quiver.runtime.explain;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.metric.Metric;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.internal.Evaluation;
import dev.quiver.runtime.exec.internal.Parallel;
import dev.quiver.runtime.exec.internal.Table;
import dev.quiver.runtime.pipeline.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Permutation feature importance, as scikit-learn's {@code sklearn.inspection.permutation_importance}: for each
 * input column and each repeat, that column's values are shuffled among the rows (breaking its link to the target
 * while keeping its distribution), the whole fitted pipeline (transforms, then model) predicts again, and the
 * importance is how much the score got worse. Model-agnostic: it only calls {@link FittedPipeline#predict}.
 *
 * <p>Each (column, repeat) shuffle is drawn from its own generator seeded from {@code seed}, the column's index
 * and the repeat, so results are the same for any thread count. Columns are scored in parallel on up to
 * {@code threads} worker threads, each on its own child of the caller's allocator. Stateless.
 */
public final class PermutationImportance {

    private PermutationImportance() {}

    /**
     * Scores {@code rows} (raw rows with the target, as the pipeline reads them) unshuffled and with each of
     * {@code fitted}'s input features shuffled {@code repeats} times.
     *
     * @param allocator the parent of each task's allocator; must be a thread-safe Arrow allocator (they all are)
     */
    public static Importances compute(
            FittedPipeline fitted,
            Table rows,
            Named<Metric> metric,
            int repeats,
            long seed,
            int threads,
            BufferAllocator allocator) {
        if (fitted.target().isEmpty()) {
            throw new QuiverException(
                    ErrorCode.USAGE, "Permutation importance needs labelled rows, and this model has no target.");
        }
        if (repeats < 1) {
            throw new QuiverException(ErrorCode.USAGE, "Permutation importance needs repeats >= 1, got " + repeats);
        }
        if (rows.rows() < 2) {
            throw new QuiverException(
                    ErrorCode.DATA, "Permutation importance needs at least 2 rows to shuffle, got " + rows.rows());
        }
        double baseline = score(fitted, rows, metric, allocator, "importance.baseline");
        double sign = metric.component().higherIsBetter() ? 1 : -1;
        List<String> features = fitted.features();
        List<Callable<FeatureImportance>> work = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            int column = f;
            work.add(() -> {
                double[] drops = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    int[] order = shuffle(rows.rows(), generator(seed, column, r));
                    try (BufferAllocator own = allocator.newChildAllocator(
                                    "importance." + features.get(column) + "." + r, 0, Long.MAX_VALUE);
                            Table shuffled = rows.permuted(features.get(column), order, own)) {
                        drops[r] = sign * (baseline - score(fitted, shuffled, metric, own, null));
                    }
                }
                return new FeatureImportance(features.get(column), mean(drops), std(drops), drops);
            });
        }
        List<FeatureImportance> result = Parallel.runAll(work, Math.max(1, Math.min(threads, features.size())));
        return new Importances(
                metric.type(), metric.component().higherIsBetter(), baseline, rows.rows(), repeats, seed, result);
    }

    private static double score(
            FittedPipeline fitted, Table rows, Named<Metric> metric, BufferAllocator parent, String childName) {
        BufferAllocator allocator = childName == null ? parent : parent.newChildAllocator(childName, 0, Long.MAX_VALUE);
        try {
            return Evaluation.score(fitted, rows.asSource("permuted rows"), List.of(metric), allocator, null, n -> {})
                    .values()
                    .get(metric.type());
        } finally {
            if (childName != null) {
                allocator.close();
            }
        }
    }

    /** The generator of one shuffle: a function of the seed, the column and the repeat only. */
    static SplittableRandom generator(long seed, int column, int repeat) {
        long mixed = seed * 0x9E3779B97F4A7C15L + column * 0xBF58476D1CE4E5B9L + repeat * 0x94D049BB133111EBL;
        return new SplittableRandom(mixed);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] shuffle(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Population standard deviation (ddof 0), as numpy's {@code std} in scikit-learn's result. */
    static double std(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
