package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics tables of run, inspect, compare and evaluate: numbers only, and a matrix shown as a matrix. */
class MetricsTableTest {

    private static final String METRICS = """
            {"train": {"accuracy": 0.75, "confusion-matrix": 0.75, "f1-macro": 0.7},
             "test": {"accuracy": 0.5, "confusion-matrix": 0.5, "f1-macro": 0.4},
             "details": {"train": {"confusion-matrix": {"labels": ["no", "yes"], "matrix": [[2, 1], [0, 1]]},
                                   "f1-macro": {"no": {"f1": 0.8}}},
                         "test": {"confusion-matrix": {"labels": ["no", "yes"], "matrix": [[1, 1], [0, 0]]}}}}
            """;

    @Test
    void aMetricWhoseDetailsHoldAMatrixIsNoRowOfTheNumberTable() throws Exception {
        JsonNode metrics = new ObjectMapper().readTree(METRICS);
        JsonNode plain = new ObjectMapper().readTree("{\"train\": {\"accuracy\": 0.9}}");
        String table = MetricsTable.render(List.of("a", "b"), List.of(metrics, plain));
        assertFalse(table.contains("confusion-matrix"), table);
        assertTrue(table.contains("train accuracy"), table);
        assertTrue(table.contains("test f1-macro"), table);
        assertEquals(5, table.lines().count(), table); // header + train and test accuracy and f1-macro
    }

    @Test
    void evaluatePrintsTheMatrixItselfWithItsLabels() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("accuracy", 0.75);
        values.put("confusion-matrix", 0.75);
        Map<String, Map<String, Object>> details = Map.of(
                "confusion-matrix",
                Map.of("labels", List.of("no", "yes"), "matrix", List.of(List.of(20L, 1L), List.of(0L, 3L))));
        String out = MetricsTable.scores(values, details);
        assertEquals("""
                  accuracy  0.750000
                  confusion-matrix (rows: true class, columns: predicted class)
                         no  yes
                    no   20    1
                    yes   0    3
                """, out);
    }
}
