package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver explain}, {@code quiver inspect}'s coefficients and the checks of a
 * {@code permutation-importance} entry, through the CLI.
 */
class ExplainCommandTest {

    @TempDir
    Path dir;

    @Test
    void explainRanksTheColumnsAndInspectNamesTheCoefficients() throws IOException {
        Path run = dir.resolve("run");
        Path pipeline = pipeline("evaluate: [r2]");
        assertEquals(
                0,
                PipelinesTest.quiver("run", pipeline.toString(), "--out", run.toString())
                        .code());

        String data = Path.of("data/diabetes.csv").toAbsolutePath().toString();
        PipelinesTest.Result json = PipelinesTest.quiver(
                "explain", "--model", run.toString(), "--input", data, "--repeats", "4", "--seed", "1", "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode importance = new ObjectMapper().readTree(json.out());
        assertEquals("r2", importance.get("metric").asText());
        assertEquals(442, importance.get("rows").asInt());
        assertEquals(10, importance.get("features").size());
        String top = importance.get("features").get(0).get("feature").asText();
        assertTrue(top.equals("s1") || top.equals("s5"), top);
        PipelinesTest.Result again = PipelinesTest.quiver(
                "explain", "--model", run.toString(), "--input", data, "--repeats", "4", "--seed", "1", "--json");
        assertEquals(json.out(), again.out(), "seeded: the same figures twice");

        PipelinesTest.Result text = PipelinesTest.quiver("explain", "--model", run.toString(), "--input", data);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("drop in r2"), text.out());

        PipelinesTest.Result inspect = PipelinesTest.quiver("inspect", run.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("Coefficients"), inspect.out());
        assertTrue(inspect.out().contains("\n    s5              68.4831\n"), inspect.out());
        PipelinesTest.Result inspectJson = PipelinesTest.quiver("inspect", run.toString(), "--json");
        JsonNode coefficients = new ObjectMapper()
                .readTree(inspectJson.out())
                .get("model")
                .get("coefficients")
                .get("progression");
        assertEquals(68.48312496478826, coefficients.get("s5").asDouble(), 1e-6);
    }

    @Test
    void aPermutationImportanceEntryIsCheckedBeforeAnyDataIsRead() throws IOException {
        PipelinesTest.Result typo = PipelinesTest.quiver(
                "validate",
                pipeline("evaluate: [{type: permutation-importance, metric: r3}]")
                        .toString());
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("unknown metric 'r3'") && typo.err().contains("r2"), typo.err());
        assertTrue(typo.err().contains("pipeline.yaml:"), "located: " + typo.err());
        assertFalse(typo.err().contains("\tat "), "no stack trace");

        PipelinesTest.Result repeats = PipelinesTest.quiver(
                "validate",
                pipeline("evaluate: [{type: permutation-importance, repeats: 0}]")
                        .toString());
        assertEquals(2, repeats.code());
        assertTrue(repeats.err().contains("repeats"), repeats.err());

        PipelinesTest.Result wrongTask = PipelinesTest.quiver(
                "validate",
                pipeline("evaluate: [{type: permutation-importance, metric: accuracy}]")
                        .toString());
        assertEquals(2, wrongTask.code());
        assertTrue(wrongTask.err().contains("does not apply to regression"), wrongTask.err());

        PipelinesTest.Result unknownKey = PipelinesTest.quiver(
                "validate",
                pipeline("evaluate: [{type: permutation-importance, repeat: 3}]")
                        .toString());
        assertEquals(2, unknownKey.code());
        assertTrue(unknownKey.err().contains("repeat"), unknownKey.err());
    }

    private Path pipeline(String evaluate) throws IOException {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, """
                version: 1
                name: diabetes-explain
                source: {type: csv, path: "%s"}
                columns: {target: progression}
                split: none
                model: {type: linear-regression, solver: least-squares}
                %s
                """.formatted(Path.of("data/diabetes.csv").toAbsolutePath(), evaluate));
        return file;
    }
}
