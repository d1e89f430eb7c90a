package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The report's curves against scikit-learn 1.2's {@code roc_curve} and {@code precision_recall_curve}. */
class CurvesTest {

    private static final double TOLERANCE = 1e-12;

    @TestFactory
    Stream<DynamicTest> curvesMatchScikitLearn() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, double[]> c : goldens()) {
            String name = "case " + tests.size() / 2;
            boolean[] positive = new boolean[c.get("labels").length];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = c.get("labels")[i] == 1;
            }
            double[] scores = c.get("scores");
            tests.add(DynamicTest.dynamicTest(name + " roc", () -> {
                Curve roc = Curves.roc(positive, scores).orElseThrow();
                assertArrayEquals(c.get("roc_fpr"), roc.x(), TOLERANCE, "fpr");
                assertArrayEquals(c.get("roc_tpr"), roc.y(), TOLERANCE, "tpr");
                assertEquals(Double.POSITIVE_INFINITY, roc.thresholds()[0]);
                double[] expected = c.get("roc_thresholds");
                assertArrayEquals(
                        Arrays.copyOfRange(expected, 1, expected.length),
                        Arrays.copyOfRange(roc.thresholds(), 1, roc.size()),
                        0,
                        "thresholds after the first");
                assertEquals(c.get("roc_auc")[0], roc.area(), TOLERANCE, "AUC");
            }));
            tests.add(DynamicTest.dynamicTest(name + " precision-recall", () -> {
                Curve pr = Curves.precisionRecall(positive, scores).orElseThrow();
                assertArrayEquals(c.get("pr_recall"), pr.x(), TOLERANCE, "recall");
                assertArrayEquals(c.get("pr_precision"), pr.y(), TOLERANCE, "precision");
                assertArrayEquals(c.get("pr_thresholds"), pr.thresholds(), 0, "thresholds");
                assertEquals(c.get("average_precision")[0], pr.area(), TOLERANCE, "average precision");
            }));
        }
        assertEquals(10, tests.size(), "five golden cases");
        return tests.stream();
    }

    @Test
    void undefinedCurvesAreEmpty() {
        boolean[] allNegative = {false, false, false};
        boolean[] allPositive = {true, true};
        assertTrue(Curves.roc(allNegative, new double[] {0.1, 0.5, 0.9}).isEmpty(), "no positives: no ROC");
        assertTrue(
                Curves.precisionRecall(allNegative, new double[] {0.1, 0.5, 0.9})
                        .isEmpty(),
                "no positives: no PR");
        assertTrue(Curves.roc(allPositive, new double[] {0.1, 0.9}).isEmpty(), "no negatives: no ROC");
        assertEquals(
                1.0,
                Curves.precisionRecall(allPositive, new double[] {0.1, 0.9})
                        .orElseThrow()
                        .area());
        assertTrue(
                Curves.roc(new boolean[] {true, false}, new double[] {Double.NaN, 0.5})
                        .isEmpty(),
                "NaN score");
        assertTrue(Curves.roc(new boolean[0], new double[0]).isEmpty(), "no rows");
    }

    /** {@code golden/curves.txt}, from {@code src/test/python/make_curve_goldens.py}: one map per case. */
    private static List<Map<String, double[]>> goldens() throws IOException {
        String text;
        try (InputStream in = CurvesTest.class.getResourceAsStream("/golden/curves.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Map<String, double[]>> cases = new ArrayList<>();
        Map<String, double[]> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] t = line.split(" ");
            switch (t[0]) {
                case "case" -> current = new HashMap<>();
                case "end" -> cases.add(current);
                default ->
                    current.put(
                            t[0],
                            Arrays.stream(t, 1, t.length)
                                    .mapToDouble(Double::parseDouble)
                                    .toArray());
            }
        }
        return cases;
    }
}
