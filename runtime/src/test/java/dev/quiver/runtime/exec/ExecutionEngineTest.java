package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Problem;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.pipeline.Execution;
import dev.quiver.runtime.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execution:}: validated with the other config errors, and a run handed to the engine of that name found
 * through ServiceLoader (the test class path registers {@code remote-test}; {@code spark} is absent here).
 */
class ExecutionEngineTest {

    private static final String PIPELINE = """
            version: 1
            name: houses
            source: {type: memory, columns: {area: [80.0, 100.0], price: [130.0, 150.0]}}
            columns: {features: [area], target: price}
            model: {type: mean}
            evaluate: [mse]
            output: {dir: out}
            """;

    @TempDir
    Path temp;

    private Pipeline load(String execution) throws IOException {
        Path file = temp.resolve("p.yaml");
        Files.writeString(file, PIPELINE + execution);
        try (Quiver quiver = Quiver.create()) {
            return quiver.load(file, List.of());
        }
    }

    private List<String> problems(String execution) {
        QuiverException e = assertThrows(QuiverException.class, () -> load(execution));
        assertEquals(ErrorCode.CONFIG, e.code(), e::getMessage);
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void withoutTheSectionThePipelineRunsLocally() throws IOException {
        assertEquals(Execution.LOCAL, load("").execution());
        assertEquals(Execution.LOCAL, load("execution: {engine: local}\n").execution());
    }

    @Test
    void theRunIsHandedToTheEngineOfThatName() throws IOException {
        Pipeline pipeline = load("execution: {engine: remote-test, workers: 3}\n");
        assertEquals(new Execution("remote-test", Map.of("workers", 3)), pipeline.execution());
        try (Quiver quiver = Quiver.create()) {
            RunResult run = quiver.run(pipeline, RunOptions.defaults());
            // The engine's model predicts 10 x workers = 30 for both rows: errors 100 and 120.
            assertEquals((100.0 * 100 + 120.0 * 120) / 2, run.metric("train", "mse"), 1e-9);
            assertTrue(Files.exists(run.directory().resolve(RunBundle.MODEL)), "the run folder is the local one");
            assertEquals(
                    30.0,
                    (double)
                            quiver.loadModel(run.directory()).model().describe().get("mean"),
                    0);
        }
    }

    @Test
    void anUnknownEngineGetsADidYouMean() {
        List<String> problems = problems("execution: {engine: sprak, master: \"local[2]\"}\n");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("unknown engine 'sprak'; did you mean 'spark'?"), problems::toString);
        assertTrue(problems.get(0).contains("p.yaml:8:"), problems::toString);
        assertTrue(problems.get(0).contains("[execution.engine]"), problems::toString);
        assertTrue(problems.get(0).contains("known engines: local, remote-test, spark"), problems::toString);
    }

    @Test
    void sparkWithoutItsModuleSaysWhichJarToAdd() {
        List<String> problems = problems("execution: {engine: spark, master: \"local[2]\"}\n");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("engine 'spark' is not on the class path"), problems::toString);
        assertTrue(problems.get(0).contains("quiver-runtime-spark"), problems::toString);
        assertTrue(problems.get(0).contains("-Pspark"), problems::toString);
    }

    @Test
    void theEnginesOptionsAreCheckedWithTheOtherProblems() {
        List<String> problems = problems("execution: {engine: remote-test, workers: 0, mastr: x}\nseed: ten\n");
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("[execution.workers]")), problems::toString);
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("[execution.mastr]") && p.contains("workers")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("[seed]")), problems::toString);
    }
}
