package dev.quiver.runtime.explain;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.internal.Evaluation;
import dev.quiver.runtime.exec.internal.Table;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Partial dependence, as scikit-learn's {@code sklearn.inspection.partial_dependence(kind="average")}: for each
 * value on a grid, every row's {@code feature} is set to it, the fitted pipeline predicts all rows, and the mean
 * prediction is recorded: the regression value, the positive class's probability (binary) or each class's
 * probability (multiclass). The grid is scikit-learn's: the column's distinct values when there are fewer than
 * {@code resolution}, otherwise {@code resolution} points evenly spaced from its 5th to its 95th percentile (scipy's mquantiles).
 * Stateless; any thread may call it, on a fitted pipeline shared across threads.
 */
public final class PartialDependence {

    /**
     * One feature's curve.
     *
     * @param feature the input column
     * @param grid the values it was set to, ascending
     * @param outputs what each row of {@code average} is: the target, or a class's probability
     * @param average {@code [output][grid point]}, the mean prediction with the feature at that value
     */
    public record Curve(String feature, double[] grid, List<String> outputs, double[][] average) {}

    private PartialDependence() {}

    /** The curve of numeric input column {@code feature} over {@code rows} (raw rows as the pipeline reads them). */
    public static Curve compute(
            FittedPipeline fitted, Table rows, String feature, int resolution, BufferAllocator allocator) {
        double[] grid = grid(values(rows, feature), resolution);
        List<String> outputs = outputs(fitted);
        double[][] average = new double[outputs.size()][grid.length];
        for (int g = 0; g < grid.length; g++) {
            try (BufferAllocator own = allocator.newChildAllocator("pdp." + feature + "." + g, 0, Long.MAX_VALUE);
                    Table fixed = rows.withConstant(feature, grid[g], own)) {
                Predictions p = predictions(fitted, fixed, own);
                for (int o = 0; o < outputs.size(); o++) {
                    average[o][g] = meanOf(
                            p,
                            fitted.task(),
                            outputs.size() == 1 && fitted.classes().size() == 2 ? 1 : o);
                }
            }
        }
        return new Curve(feature, grid, outputs, average);
    }

    /** scikit-learn's grid: distinct values below {@code resolution}, else linspace(p5, p95, resolution). */
    static double[] grid(double[] values, int resolution) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                distinct.add(v);
            }
        }
        if (distinct.size() < resolution) {
            return distinct.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double[] sorted =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double lo = percentile(sorted, 0.05);
        double hi = percentile(sorted, 0.95);
        double[] grid = new double[resolution];
        for (int i = 0; i < resolution; i++) {
            grid[i] = lo + (hi - lo) * i / (resolution - 1);
        }
        return grid;
    }

    /**
     * The {@code q} quantile of ascending {@code sorted} as scipy's {@code mstats.mquantiles} computes it with its
     * defaults (alphap = betap = 0.4), which scikit-learn's grid uses.
     */
    static double percentile(double[] sorted, double q) {
        int n = sorted.length;
        double m = 0.4 + q * (1 - 0.4 - 0.4);
        double aleph = n * q + m;
        int k = (int) Math.floor(Math.max(1, Math.min(n - 1, aleph)));
        double gamma = Math.max(0, Math.min(1, aleph - k));
        return (1 - gamma) * sorted[k - 1] + gamma * sorted[Math.min(k, n - 1)];
    }

    private static List<String> outputs(FittedPipeline fitted) {
        if (fitted.task() == Task.REGRESSION) {
            return List.of(fitted.target().orElse("prediction"));
        }
        List<String> classes = fitted.classes();
        if (classes.size() == 2) {
            return List.of("P(" + classes.get(1) + ")");
        }
        return classes.stream().map(c -> "P(" + c + ")").toList();
    }

    private static double meanOf(Predictions p, Task task, int output) {
        double sum = 0;
        for (int r = 0; r < p.size(); r++) {
            if (task == Task.REGRESSION) {
                sum += p.predicted()[r];
            } else if (p.probabilities() != null) {
                sum += p.probabilities()[r][output];
            } else {
                // a classifier without probabilities (a hinge-loss SVM, a tree in Tribuo): the share of rows
                // predicted as the class, the partial dependence of the hard prediction
                sum += p.predicted()[r] == output ? 1 : 0;
            }
        }
        return sum / p.size();
    }

    private static Predictions predictions(FittedPipeline fitted, Table rows, BufferAllocator allocator) {
        // Without metrics the gatherer keeps probabilities up to 200,000 rows; callers pass fewer.
        return Evaluation.score(fitted, rows.asSource("partial dependence rows"), List.of(), allocator, null, n -> {})
                .predictions();
    }

    /** The column's values in row order (NaN for missing). */
    static double[] values(Table rows, String column) {
        return rows.doubles(column);
    }
}
