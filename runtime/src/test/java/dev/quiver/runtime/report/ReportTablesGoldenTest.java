package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's calibration curve and per-class table against scikit-learn's {@code calibration_curve} and
 * {@code precision_recall_fscore_support}. Goldens: {@code src/test/python/make_report_table_goldens.py}.
 */
class ReportTablesGoldenTest {

    @Test
    void calibrationCurveMatchesScikitLearnIncludingProbabilitiesOnBinEdges() throws IOException {
        JsonNode golden = golden().get("calibration");
        double[] p = doubles(golden.get("probabilities"));
        boolean[] positive = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            positive[i] = golden.get("labels").get(i).asInt() == 1;
        }
        double[][] curve = Calibration.curve(positive, p, 10);
        assertArrayEquals(doubles(golden.get("prob_pred")), curve[0], 1e-12);
        assertArrayEquals(doubles(golden.get("prob_true")), curve[1], 1e-12);
    }

    @Test
    void perClassScoresMatchScikitLearn() throws IOException {
        JsonNode golden = golden().get("per_class");
        double[] actual = doubles(golden.get("actual"));
        double[] predicted = doubles(golden.get("predicted"));
        double[][] scores = ResultTables.perClassScores(
                new Predictions(Task.MULTICLASS, List.of("a", "b", "c"), actual, predicted, null));
        for (int c = 0; c < 3; c++) {
            assertEquals(golden.get("precision").get(c).asDouble(), scores[c][0], 1e-12, "precision " + c);
            assertEquals(golden.get("recall").get(c).asDouble(), scores[c][1], 1e-12, "recall " + c);
            assertEquals(golden.get("f1").get(c).asDouble(), scores[c][2], 1e-12, "f1 " + c);
            assertEquals(golden.get("support").get(c).asDouble(), scores[c][3], 0, "support " + c);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = ReportTablesGoldenTest.class.getResourceAsStream("/golden/report-tables.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
