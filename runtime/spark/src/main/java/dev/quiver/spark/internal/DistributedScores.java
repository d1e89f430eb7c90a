package dev.quiver.spark.internal;

import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.transform.FittedTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The training rows scored on Spark: one job in which every task reads its split through the fitted transforms,
 * predicts each batch with the fitted model (both rebuilt in the task by their plugins from their saved state)
 * and keeps only the metrics' sufficient statistics ({@link ScoreTally}), merged by one {@code treeReduce}; no
 * prediction leaves its task. Stateless; the driver thread calls it.
 */
final class DistributedScores {

    private DistributedScores() {}

    /** The metrics of {@code wanted} that Spark computes exactly for this kind of task. */
    static Set<String> supported(Set<String> wanted, boolean classification) {
        Set<String> supported = new TreeSet<>(wanted);
        supported.retainAll(classification ? ScoreTally.CLASSIFICATION : ScoreTally.REGRESSION);
        return supported;
    }

    /**
     * Scores {@code model} after {@code transforms} on the splits' rows against {@code target}: for a classifier
     * ({@code classes} not empty) by class, else by value.
     */
    static Map<String, Double> score(
            JavaSparkContext spark,
            List<SourceSplit> splits,
            List<FittedTransform> transforms,
            Model model,
            String target,
            List<String> classes,
            Set<String> metrics) {
        List<ShippedTransform> shipped = new ArrayList<>();
        transforms.forEach(t -> shipped.add(ShippedTransform.of(t)));
        ShippedTransform shippedModel = ShippedTransform.of(model);
        HashMap<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        ScoreTally total = SplitReader.parts(spark, splits)
                .mapPartitions(parts -> {
                    Model fitted = shippedModel.rebuildModel();
                    ScoreTally tally = new ScoreTally(classIndex.size());
                    while (parts.hasNext()) {
                        SplitPass.read(parts.next(), shipped, (root, reader, split, allocator) -> {
                            try (VectorSchemaRoot predicted = fitted.predict(root, allocator)) {
                                add(tally, root, predicted, target, classIndex);
                            }
                        });
                    }
                    return List.of(tally).iterator();
                })
                .treeReduce(ScoreTally::merge, 2);
        return total.scores(metrics, !classes.isEmpty());
    }

    private static void add(
            ScoreTally tally,
            VectorSchemaRoot root,
            VectorSchemaRoot predicted,
            String target,
            Map<String, Integer> classIndex) {
        add(
                tally,
                ArrowColumns.vector(root, target),
                ArrowColumns.vector(predicted, PredictionColumns.PREDICTION),
                classIndex);
    }

    /**
     * Adds the rows of one batch, {@code truth} against {@code prediction}: for a classifier ({@code classIndex}
     * not empty) by class, else by value. A row whose prediction or truth is null (predict's {@code --on-invalid
     * null}, a blank target) has nothing to score and is left out.
     */
    static void add(ScoreTally tally, FieldVector truth, FieldVector prediction, Map<String, Integer> classIndex) {
        int rows = truth.getValueCount();
        int[] scored = new int[rows];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (!truth.isNull(r) && !prediction.isNull(r)) {
                scored[n++] = r;
            }
        }
        if (classIndex.isEmpty()) {
            double[] actual = new double[rows];
            double[] values = new double[rows];
            ArrowColumns.copyDoubles(truth, actual, 0, 1);
            ArrowColumns.copyDoubles(prediction, values, 0, 1);
            for (int i = 0; i < n; i++) {
                actual[i] = actual[scored[i]];
                values[i] = values[scored[i]];
            }
            tally.addValues(actual, values, n);
            return;
        }
        int[] actual = new int[n];
        int[] predictedClass = new int[n];
        for (int i = 0; i < n; i++) {
            actual[i] = classIndex.getOrDefault(ClassLabels.labelOf(truth, scored[i]), -1);
            predictedClass[i] = classIndex.getOrDefault(ClassLabels.labelOf(prediction, scored[i]), -2);
        }
        tally.addClasses(actual, predictedClass, n);
    }
}
