package dev.quiver.runtime.report;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.EpochStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Deterministic runs for the report tests: plausible enough to look at, fixed by a seed. */
final class SampleRuns {

    static final String YAML = """
            name: iris <softmax> & friends
            source: {type: csv, path: data/iris.csv}
            model: {type: "softmax-regression"}
            evaluate: [accuracy, f1-macro, roc-auc]
            """;

    private SampleRuns() {}

    static List<EpochStats> history(int epochs) {
        List<EpochStats> out = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double train = 1.1 * Math.exp(-e / 6.0) + 0.08;
            double validation = 1.1 * Math.exp(-e / 7.0) + 0.12 + 0.002 * e;
            Map<String, Double> metrics = Map.of("validation_accuracy", 0.95 - 0.6 * Math.exp(-e / 5.0));
            double lr = 0.1 * Math.pow(0.5, Math.floorDiv(e - 1, 10));
            out.add(new EpochStats(e, train, validation, metrics, 120, 0.01, lr));
        }
        return out;
    }

    /** Three classes; a noisy classifier whose probabilities favour the truth. */
    static Predictions multiclass(int rows, long seed) {
        Random random = new Random(seed);
        double[] actual = new double[rows];
        double[] predicted = new double[rows];
        double[][] proba = new double[rows][3];
        for (int i = 0; i < rows; i++) {
            int truth = i % 3;
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                proba[i][c] = random.nextDouble() + (c == truth ? 0.45 : 0) + (truth == 2 && c == 1 ? 0.3 : 0);
                sum += proba[i][c];
            }
            int best = 0;
            for (int c = 0; c < 3; c++) {
                proba[i][c] /= sum;
                best = proba[i][c] > proba[i][best] ? c : best;
            }
            actual[i] = truth;
            predicted[i] = best;
        }
        return new Predictions(
                Task.MULTICLASS, List.of("setosa", "versicolor", "virginica & co"), actual, predicted, proba);
    }

    static Predictions binary(int rows, long seed) {
        Random random = new Random(seed);
        double[] actual = new double[rows];
        double[] predicted = new double[rows];
        double[][] proba = new double[rows][];
        for (int i = 0; i < rows; i++) {
            int truth = random.nextDouble() < 0.4 ? 1 : 0;
            double p = Math.min(1, Math.max(0, 0.35 + 0.3 * truth + 0.25 * random.nextGaussian()));
            actual[i] = truth;
            predicted[i] = p >= 0.5 ? 1 : 0;
            proba[i] = new double[] {1 - p, p};
        }
        return new Predictions(Task.BINARY, List.of("no", "yes"), actual, predicted, proba);
    }

    static Predictions regression(int rows, long seed) {
        Random random = new Random(seed);
        double[] actual = new double[rows];
        double[] predicted = new double[rows];
        for (int i = 0; i < rows; i++) {
            double x = random.nextDouble() * 10;
            actual[i] = 50 + 12 * x + 6 * random.nextGaussian();
            predicted[i] = 48 + 12.3 * x;
        }
        return new Predictions(Task.REGRESSION, List.of(), actual, predicted, null);
    }

    static Map<String, Map<String, Double>> metrics(String... names) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        String[] splits = {"train", "validation", "test"};
        for (int s = 0; s < splits.length; s++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int m = 0; m < names.length; m++) {
                values.put(names[m], 0.9 - 0.03 * s - 0.01 * m);
            }
            out.put(splits[s], values);
        }
        out.get("test").put(names[names.length - 1], Double.NaN);
        return out;
    }

    static ReportData data(String name, Predictions predictions, int epochs) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("model", "softmax-regression");
        facts.put("seed", "42");
        facts.put("rows", "150");
        boolean regression = predictions != null && predictions.task() == Task.REGRESSION;
        Map<String, Map<String, Double>> metrics =
                regression ? metrics("r2", "mae", "rmse") : metrics("accuracy", "f1-macro", "roc-auc");
        return new ReportData(name, YAML, facts, metrics, history(epochs), "test", predictions);
    }
}
