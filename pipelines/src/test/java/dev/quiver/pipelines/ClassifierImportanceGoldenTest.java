package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.exec.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate: [permutation-importance]} of a classifier against scikit-learn's {@code permutation_importance}
 * on the same fitted model (Gaussian naive Bayes on wine: both score the same baseline accuracy, to the last bit)
 * and the same rows, scored by accuracy. The shuffles differ (numpy's generator is not Java's), so each column's
 * mean drop must agree within the spread, as {@link PermutationImportanceGoldenTest} asks of a regressor.
 * Goldens: {@code src/test/python/make_classifier_importance_goldens.py}.
 */
class ClassifierImportanceGoldenTest {

    @TempDir
    Path dir;

    @Test
    void gaussianNaiveBayesOnWineMatchesScikitLearnWithinTheSpread() throws IOException {
        JsonNode golden = golden();
        int repeats = golden.get("repeats").asInt();
        RunResult run = run(repeats);
        @SuppressWarnings("unchecked")
        Map<String, Object> importance = (Map<String, Object>) run.metrics().get("importance");
        assertEquals("accuracy", importance.get("metric"));
        assertEquals(golden.get("rows").asInt(), importance.get("rows"));
        assertEquals(golden.get("baseline").asDouble(), (Double) importance.get("baseline"), 0.0, "the same model");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> features = (List<Map<String, Object>>) importance.get("features");
        assertEquals(golden.get("features").size(), features.size());
        JsonNode expected = golden.get("accuracy");
        for (Map<String, Object> f : features) {
            int i = index(golden.get("features"), (String) f.get("feature"));
            double mean = (Double) f.get("mean");
            double std = (Double) f.get("std");
            double skMean = expected.get("mean").get(i).asDouble();
            double skStd = expected.get("std").get(i).asDouble();
            double standardError = Math.sqrt((std * std + skStd * skStd) / repeats);
            String what = f.get("feature") + ": quiver " + mean + " ± " + std + ", sklearn " + skMean + " ± " + skStd;
            assertTrue(Math.abs(mean - skMean) <= Math.max(std, skStd), what);
            assertTrue(Math.abs(mean - skMean) <= 4 * standardError + 1e-12, what);
            // accuracy drops come in steps of 1/178, so a small column's spread is coarse: same order of magnitude
            assertTrue(std <= 2.5 * skStd + 1.0 / 178 && skStd <= 2.5 * std + 1.0 / 178, "spreads alike: " + what);
        }
        assertEquals("flavanoids", features.get(0).get("feature"), "scikit-learn's clear first: " + features);
    }

    private RunResult run(int repeats) {
        Path data = Path.of("data/wine.csv").toAbsolutePath();
        String yaml = """
                version: 1
                name: wine-importance
                seed: 11
                source: {type: csv, path: "%s"}
                columns: {target: cultivar}
                split: none
                model: {type: naive-bayes, kind: gaussian, varSmoothing: 1.0e-9}
                evaluate: [accuracy, {type: permutation-importance, repeats: %d, seed: 0, metric: accuracy}]
                output: {dir: "%s"}
                """.formatted(data, repeats, dir.resolve("runs"));
        try (Quiver quiver = Quiver.create()) {
            return quiver.run(quiver.pipeline(yaml, dir));
        }
    }

    private static int index(JsonNode names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no golden for " + name);
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in =
                ClassifierImportanceGoldenTest.class.getResourceAsStream("/golden/importance/wine-gaussian-nb.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
