package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.Location;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.plan.PipelineLoader;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hyper-parameter search end to end: loader, trials, objective, refit, metrics.json and report. */
class TuneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipelineLoader LOADER = new PipelineLoader(ServicePluginRegistry.discover());

    private static final String PIPELINE = """
            seed: 3
            source: {type: memory, columns: {area: [11, 23, 30, 47, 52, 68, 71, 85, 94, 103, 118, 127], \
            price: [25, 41, 70, 77, 104, 126, 139, 166, 181, 205, 218, 247]}}
            columns: {features: [area], target: price}
            split: %s
            model: {type: mean}
            training: {epochs: 1}
            evaluate: [mse]
            tune:
              strategy: grid
              space:
                model.shift: {choice: [-40.0, -10.0, 0.0, 10.0, 40.0]}
              objective: {metric: mse, goal: minimize}
            """;

    private final Executor executor = new Executor(RunTelemetry.noop());

    @TempDir
    Path temp;

    private Pipeline load(String split) throws IOException {
        Path file = temp.resolve("tuned.yaml");
        Files.writeString(file, PIPELINE.formatted(split));
        return LOADER.load(file, List.of(), Map.of());
    }

    private JsonNode run(Pipeline pipeline, String out, int threads) throws IOException {
        executor.run(
                pipeline, RunOptions.defaults().withOutputDir(temp.resolve(out)).withThreads(threads));
        return JSON.readTree(temp.resolve(out).resolve(RunBundle.METRICS).toFile());
    }

    @Test
    void everyTrialIsScoredOnTheValidationSplitAndTheBestIsSaved() throws IOException {
        JsonNode metrics = run(load("{validation: 0.25}"), "run", 2);
        JsonNode tune = metrics.path("tune");
        assertEquals("grid", tune.path("strategy").asText());
        assertEquals("validation", tune.path("objective").path("on").asText());
        assertEquals("minimize", tune.path("objective").path("goal").asText());
        JsonNode trials = tune.path("trials");
        assertEquals(5, trials.size());
        int best = 0;
        Set<Double> scores = new HashSet<>();
        for (int i = 0; i < trials.size(); i++) {
            assertTrue(trials.get(i).path("params").path("model.shift").isNumber());
            double score = trials.get(i).path("score").asDouble();
            scores.add(score);
            if (score < trials.get(best).path("score").asDouble()) {
                best = i;
            }
        }
        assertEquals(5, scores.size(), "every shift scores differently");
        assertEquals(best, tune.path("best").asInt());
        // the saved run is the best trial refitted: same seed and data, so the same validation score
        assertEquals(
                trials.get(best).path("score").asDouble(),
                metrics.path("validation").path("mse").asDouble());
        String report = Files.readString(temp.resolve("run").resolve(RunBundle.REPORT));
        assertTrue(report.contains("<section id=\"trials\">"), "the report has a trials table");
        assertTrue(report.contains("<th>trial</th><th>mse on validation</th><th>model.shift</th>"), report);
        assertTrue(report.contains("<tr><td>" + (best + 1) + " (best)</td>"), "the best trial is marked");
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(
                    Set.of("tuned.yaml", "run"),
                    new HashSet<>(left.map(p -> p.getFileName().toString()).toList()),
                    "trials run in a scratch folder that is removed");
        }
    }

    @Test
    void withFoldsTheObjectiveIsTheCrossValidationMean() throws IOException {
        JsonNode metrics = run(load("{validation: {folds: 3}}"), "run", 2);
        JsonNode tune = metrics.path("tune");
        assertEquals("cv.mean", tune.path("objective").path("on").asText());
        JsonNode best = tune.path("trials").get(tune.path("best").asInt());
        assertEquals(
                best.path("score").asDouble(),
                metrics.path("cv").path("mean").path("mse").asDouble());
    }

    @Test
    void aBadValueInAChoiceIsLocatedAtThatValueBeforeAnythingRuns() throws IOException {
        Path file = temp.resolve("tuned.yaml");
        Files.writeString(
                file,
                PIPELINE.formatted("{validation: 0.25}").replace("[-40.0, -10.0, 0.0, 10.0, 40.0]", "[40.0, .nan]"));
        QuiverException e = assertThrows(QuiverException.class, () -> LOADER.load(file, List.of(), Map.of()));
        assertEquals(1, e.problems().size(), e::getMessage);
        Location at = e.problems().get(0).location();
        assertEquals(
                List.of(11, 34, "tune.space.model.shift.choice[1]"),
                List.of(at.line(), at.column(), at.keyPath()),
                e::getMessage);
    }

    @Test
    void trialsGiveTheSameResultsOnOneThreadOrMany() throws IOException {
        Pipeline pipeline = load("{validation: {folds: 3}}");
        JsonNode one = run(pipeline, "one", 1);
        JsonNode many = run(pipeline, "many", 4);
        assertEquals(one.path("tune"), many.path("tune"));
        assertEquals(one.path("cv"), many.path("cv"));
        assertEquals(one.path("train"), many.path("train"));
    }

    @Test
    void whenEveryTrialFailsToScoreTheSearchFailsAndLeavesNothingBehind() throws IOException {
        // a shift of 1e300 squares to an infinite mse: no trial has a finite score
        Path file = temp.resolve("tuned.yaml");
        Files.writeString(
                file,
                PIPELINE.formatted("{validation: 0.25}")
                        .replace("[-40.0, -10.0, 0.0, 10.0, 40.0]", "[1.0e300, -1.0e300]"));
        Pipeline pipeline = LOADER.load(file, List.of(), Map.of());
        QuiverException e = assertThrows(QuiverException.class, () -> run(pipeline, "run", 2));
        assertEquals(ErrorCode.DIVERGED, e.code(), e::getMessage);
        assertEquals(Set.of("tuned.yaml"), entries(temp), "no run and no scratch folder is left");
    }

    @Test
    void aTrialThatFailsIsNamedWithItsParametersAndLeavesNothingBehind() throws IOException {
        Path file = temp.resolve("tuned.yaml");
        Files.writeString(
                file,
                PIPELINE.formatted("{validation: 0.25}")
                        .replace(
                                "model.shift: {choice: [-40.0, -10.0, 0.0, 10.0, 40.0]}",
                                "split.validation: {choice: [0.25, 0.99]}"));
        Pipeline pipeline = LOADER.load(file, List.of(), Map.of());
        QuiverException e = assertThrows(QuiverException.class, () -> run(pipeline, "run", 2));
        assertEquals(ErrorCode.DATA, e.code(), e::getMessage);
        assertTrue(
                e.getMessage().startsWith("Tuning trial 2 of 2 {split.validation=0.99}: The split leaves no rows"),
                e::getMessage);
        assertEquals(Set.of("tuned.yaml"), entries(temp), "no run and no scratch folder is left");
    }

    @Test
    void anOutputFolderThatIsNotARunIsRefusedBeforeAnyTrialRuns() throws IOException {
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        List<String> stages = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void stageStarted(String stage) {
                stages.add(stage);
            }
        };
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> executor.run(
                        load("{validation: 0.25}"),
                        RunOptions.defaults().withOutputDir(mine).withListener(listener)));
        assertEquals(ErrorCode.USAGE, e.code(), e::getMessage);
        assertEquals(List.of(), stages, "refused before the search started");
        assertEquals(Set.of("notes.txt"), entries(mine));
        assertEquals(Set.of("tuned.yaml", "mine"), entries(temp));
    }

    private static Set<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
