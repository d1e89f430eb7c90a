package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process, with the runtime's test plugins: exit codes, messages, and what each command prints. */
class MainTest {

    private static final String HOUSES = """
            version: 1
            name: houses
            seed: 42
            source: {type: memory, columns: {area: [80.0, 100.0, 120.0, 140.0, 160.0], \
            price: [130.0, 150.0, 170.0, 190.0, 210.0]}}
            columns: {features: [area], target: price}
            model: {type: mean}
            training: {epochs: 2}
            evaluate: [mse]
            output: {dir: runs/houses}
            """;

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {}

    private static Result quiver(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void runSavesTheRunWhereOutputDirSaysRelativeToThePipelineFile() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        Result r = quiver("run", pipeline.toString());
        assertEquals(0, r.code(), r.err());
        Path history = temp.resolve("runs/houses");
        String id = Files.readString(history.resolve("LATEST")).strip();
        assertTrue(r.out().contains("Saved run 'houses' to " + history.resolve(id)), r.out());
        assertTrue(r.out().contains("train mse"), r.out());
        assertTrue(Files.isRegularFile(history.resolve(id).resolve("metrics.json")));
        assertEquals("", r.err(), "no progress when stderr is not a terminal");
    }

    @Test
    void runJsonPrintsTheMetricsOnStdout() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        Result r = quiver(
                "run",
                pipeline.toString(),
                "--json",
                "--out",
                temp.resolve("elsewhere").toString(),
                "--set",
                "model.shift=10");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        // mean 170 shifted by 10: errors -30, -10, 10, 30, 50 -> mse 900
        assertEquals(900.0, json.path("metrics").path("train").path("mse").asDouble(), 1e-9);
        assertEquals(
                temp.resolve("elsewhere").toString(), json.path("directory").asText());
    }

    @Test
    void anInvalidPipelineIsExitTwoWithLocatedMessagesAndNoStackTrace() throws IOException {
        Path pipeline = write(
                "broken.yaml",
                HOUSES.replace("model: {type: mean}", "model: {type: maen}").replace("evaluate:", "evalute:"));
        for (String command : new String[] {"run", "validate"}) {
            Result r = quiver(command, pipeline.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(pipeline + ":"), r.err());
            assertTrue(r.err().contains("maen"), r.err());
            assertTrue(r.err().contains("evalute"), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(temp.resolve("runs")), "nothing written");
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path pipeline = write("broken.yaml", HOUSES.replace("model: {type: mean}", "model: {type: maen}"));
        Result r = quiver("validate", pipeline.toString(), "--debug");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void aDataErrorIsExitThree() throws IOException {
        Path pipeline = write("one-class.yaml", """
                version: 1
                name: one-class
                source: {type: memory, columns: {x: [1.0, 2.0, 3.0], y: [a, a, a]}}
                columns: {features: [x], target: y}
                model: {type: majority}
                evaluate: [accuracy]
                """);
        Result r = quiver("run", pipeline.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("only the class [a]"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anOutputFolderThatIsNotARunIsExitTwoAndLeftAsItWas() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        Result r = quiver("run", pipeline.toString(), "--out", mine.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("exists and is not a Quiver run"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        try (var files = Files.list(mine)) {
            assertEquals(
                    List.of("notes.txt"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void evaluatingARunWithoutItsPipelineFileIsExitThreeWithoutAStackTrace() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        Path run = temp.resolve("run");
        assertEquals(
                0, quiver("run", pipeline.toString(), "--out", run.toString()).code());
        Files.delete(run.resolve("pipeline.yaml"));
        Result r = quiver(
                "evaluate",
                "--model",
                run.toString(),
                "--input",
                temp.resolve("rows.csv").toString());
        assertEquals(3, r.code(), r.err());
        // the run's marker lists pipeline.yaml, so its absence is a damaged run, found before anything is read
        assertTrue(r.err().contains("is damaged: pipeline.yaml is missing"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void validatePrintsOk() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        Result r = quiver("validate", pipeline.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ok: " + pipeline), r.out());
    }

    @Test
    void inspectShowsTheLearnedParameters() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        assertEquals(0, quiver("run", pipeline.toString()).code());
        Path run = temp.resolve("runs/houses");

        Result text = quiver("inspect", run.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("mean = 170.0"), text.out());

        Result json = quiver("inspect", run.toString(), "--json");
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertEquals(170.0, tree.path("model").path("parameters").path("mean").asDouble());
        assertEquals("houses", tree.path("pipeline").path("name").asText());
        assertEquals("area", tree.path("schema").path(0).path("name").asText());
        assertEquals(800.0, tree.path("metrics").path("train").path("mse").asDouble(), 1e-9);
    }

    @Test
    void inspectOfAFolderThatIsNotARunIsADataError() {
        Result r = quiver("inspect", temp.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("is not a Quiver run"), r.err());
    }

    @Test
    void compareListsEveryRun() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        assertEquals(
                0,
                quiver("run", pipeline.toString(), "--out", temp.resolve("a").toString())
                        .code());
        assertEquals(
                0,
                quiver("run", pipeline.toString(), "--out", temp.resolve("b").toString(), "--set", "model.shift=10")
                        .code());
        Result r = quiver(
                "compare", temp.resolve("a").toString(), temp.resolve("b").toString());
        assertEquals(0, r.code(), r.err());
        String mseLine = r.out()
                .lines()
                .filter(l -> l.startsWith("train mse"))
                .findFirst()
                .orElseThrow();
        assertTrue(mseLine.matches("train mse\\s+800\\s+900"), mseLine);
    }

    @Test
    void aCrossValidatedRunPrintsTheFoldsMeanAndStd() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        Result r = quiver(
                "run", pipeline.toString(), "--out", temp.resolve("cv").toString(), "--set", "validation={folds: 5}");
        assertEquals(0, r.code(), r.err());
        // leave-one-out: each held-out price against the mean of the other four gives 2500, 625, 0, 625, 2500
        String mean = r.out()
                .lines()
                .filter(l -> l.startsWith("cv mean mse"))
                .findFirst()
                .orElseThrow();
        assertTrue(mean.matches("cv mean mse\\s+1250"), mean);
        String std = r.out()
                .lines()
                .filter(l -> l.startsWith("cv std mse"))
                .findFirst()
                .orElseThrow();
        assertTrue(std.matches("cv std mse\\s+1045\\.83"), std);
    }

    @Test
    void aTunedRunNamesTheWinningTrial() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        Result r = quiver(
                "run",
                pipeline.toString(),
                "--out",
                temp.resolve("tuned").toString(),
                "--set",
                "validation={folds: 5}",
                "--set",
                "tune={strategy: grid, space: {model.shift: {choice: [10.0, 0.0, -5.0]}}, "
                        + "objective: {metric: mse, goal: minimize}}");
        assertEquals(0, r.code(), r.err());
        // leave-one-out mean squared error is 1250 + shift^2 (the held-out errors sum to zero)
        assertTrue(
                r.out()
                        .contains("Tuned: trial 2 of 3 won with mse 1250 on cv.mean (model.shift=0.0); it is the "
                                + "saved model."),
                r.out());
        Result typo = quiver(
                "validate",
                pipeline.toString(),
                "--set",
                "validation={folds: 5}",
                "--set",
                "tune={space: {model.shfit: {choice: [1.0]}}, objective: {metric: mse, goal: minimize}}");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("unknown key 'shfit' for model 'mean'; did you mean 'shift'?"), typo.err());
    }

    @Test
    void pluginsListsByKindAndSuggestsNames() {
        Result all = quiver("plugins");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("  mean"), all.out());
        Result one = quiver("plugins", "mean");
        assertTrue(one.out().contains("shift (real, default 0.0)"), one.out());
        Result typo = quiver("plugins", "maen");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("did you mean 'mean'?"), typo.err());
    }

    @Test
    void aUsageMistakeIsExitTwoWithAHint() {
        Result r = quiver("run");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing required parameter"), r.err());
        assertTrue(r.err().contains("quiver run --help"), r.err());
        Result unknown = quiver("frobnicate");
        assertEquals(2, unknown.code());
        Result none = quiver();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Usage: quiver"), none.err());
    }

    @Test
    void predictNeedsAKnownFileType() throws IOException {
        Path pipeline = write("houses.yaml", HOUSES);
        assertEquals(0, quiver("run", pipeline.toString()).code());
        Result r = quiver(
                "predict",
                "--model",
                temp.resolve("runs/houses").toString(),
                "--input",
                write("in.txt", "area\n110\n").toString(),
                "--output",
                temp.resolve("out.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("name it *.csv or *.arrow"), r.err());
    }
}
