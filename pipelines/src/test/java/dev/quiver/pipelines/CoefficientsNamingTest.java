package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.Prediction;
import dev.quiver.runtime.bundle.Predictions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.explain.Coefficients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coefficients are named by the columns the model reads: a one-hot column as {@code column=value} (known exactly
 * on data that is an exact linear function of its columns), and a softmax model's rows by class, checked by
 * recomputing the model's probabilities from the named weights (a swapped class or feature order fails).
 */
class CoefficientsNamingTest {

    @TempDir
    Path dir;

    @Test
    void oneHotColumnsAreNamedColumnEqualsValueWithTheirExactWeights() throws IOException {
        // y = 1 + 3 x + {a: 0, b: 5, c: -2}[city], no noise: least squares recovers exactly these weights
        Map<String, Double> offset = Map.of("a", 0.0, "b", 5.0, "c", -2.0);
        StringBuilder csv = new StringBuilder("x,city,y\n");
        String[] cities = {"a", "b", "c"};
        for (int i = 0; i < 12; i++) {
            String city = cities[(i * 7) % 3];
            double x = 0.5 * i - 1;
            csv.append(x)
                    .append(',')
                    .append(city)
                    .append(',')
                    .append(1 + 3 * x + offset.get(city))
                    .append('\n');
        }
        Path data = dir.resolve("cities.csv");
        Files.writeString(data, csv);
        Path run = dir.resolve("run");
        Path yaml = dir.resolve("cities.yaml");
        Files.writeString(yaml, """
                version: 1
                name: cities
                source: {type: csv, path: cities.csv}
                columns: {features: [x, city], target: y}
                split: none
                transforms: [{type: one-hot, columns: [city], dropFirst: true}]
                model: {type: linear-regression, solver: least-squares}
                evaluate: [r2]
                """);
        PipelinesTest.Result r = PipelinesTest.quiver("run", yaml.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        PipelinesTest.Result inspect = PipelinesTest.quiver("inspect", run.toString(), "--json");
        assertEquals(0, inspect.code(), inspect.err());
        JsonNode y = new ObjectMapper()
                .readTree(inspect.out())
                .path("model")
                .path("coefficients")
                .path("y");
        assertEquals(3.0, y.path("x").asDouble(), 1e-9, y.toString());
        assertEquals(5.0, y.path("city=b").asDouble(), 1e-9, y.toString());
        assertEquals(-2.0, y.path("city=c").asDouble(), 1e-9, y.toString());
        assertEquals(1.0, y.path("intercept").asDouble(), 1e-9, y.toString());
        assertFalse(y.has("city=a"), "dropFirst leaves the first category out: " + y);
        assertFalse(y.has("city"), "the raw column is not a feature of the model: " + y);
        assertEquals(4, y.size(), y.toString());
    }

    @Test
    void softmaxRowsAreNamedByClassAndReproduceTheModelsProbabilities() {
        Path data = Path.of("data/iris.csv").toAbsolutePath();
        String yaml = """
                version: 1
                name: iris-softmax
                seed: 3
                source: {type: csv, path: "%s"}
                columns: {target: species}
                split: none
                model: {type: softmax-regression}
                training: {optimizer: {type: sgd, lr: 0.05}, epochs: 5, batchSize: 16}
                evaluate: [accuracy]
                output: {dir: "%s"}
                """.formatted(data, dir.resolve("runs"));
        try (Quiver quiver = Quiver.create()) {
            RunResult run = quiver.run(quiver.pipeline(yaml, dir));
            Coefficients c = Coefficients.of(run.fitted()).orElseThrow();
            assertEquals(List.of("setosa", "versicolor", "virginica"), c.outputs());
            assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), c.features());
            double[][] rows = {{5.1, 3.5, 1.4, 0.2}, {6.4, 3.2, 4.5, 1.5}, {6.3, 3.3, 6.0, 2.5}, {5.0, 2.0, 3.5, 1.0}};
            List<Map<String, Object>> maps = new ArrayList<>();
            for (double[] row : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int f = 0; f < row.length; f++) {
                    m.put(c.features().get(f), row[f]);
                }
                maps.add(m);
            }
            Predictions predicted = run.fitted().predict(maps);
            for (int i = 0; i < rows.length; i++) {
                double[] logits = new double[c.outputs().size()];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < logits.length; k++) {
                    String cls = c.outputs().get(k);
                    logits[k] = c.intercepts()[k];
                    for (String feature : c.features()) {
                        logits[k] +=
                                c.weight(cls, feature) * (double) maps.get(i).get(feature);
                    }
                    max = Math.max(max, logits[k]);
                }
                double sum = 0;
                for (int k = 0; k < logits.length; k++) {
                    sum += Math.exp(logits[k] - max);
                }
                Prediction p = predicted.get(i);
                for (int k = 0; k < logits.length; k++) {
                    String cls = c.outputs().get(k);
                    assertEquals(Math.exp(logits[k] - max) / sum, p.probability(cls), 1e-9, "row " + i + " " + cls);
                }
            }
        }
    }
}
