package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run histories through the CLI: runs, compare, and every model reference form of predict. */
class RunHistoryCliTest {

    private static final String HOUSES = """
            version: 1
            name: houses
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

    private Path pipeline() throws IOException {
        Path file = temp.resolve("houses.yaml");
        Files.writeString(file, HOUSES);
        return file;
    }

    private Path history() {
        return temp.resolve("runs/houses");
    }

    private List<String> twoRuns() throws IOException {
        Path file = pipeline();
        assertEquals(0, quiver("run", file.toString()).code());
        Result second = quiver("run", file.toString(), "--set", "model.shift=10");
        assertEquals(0, second.code(), second.err());
        try (var entries = Files.list(history())) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("LATEST"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void twoRunsKeepTwoFoldersAndRunsListsBoth() throws IOException {
        List<String> ids = twoRuns();
        assertEquals(2, ids.size(), ids.toString());

        for (String what : List.of(history().toString(), pipeline().toString())) {
            Result r = quiver("runs", what);
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.out().lines().toList();
            assertTrue(lines.get(0).startsWith("Run history " + history() + " (2 runs; LATEST " + ids.get(1)), r.out());
            assertTrue(
                    lines.get(1).matches("\\s+id\\s+started \\(UTC\\)\\s+seconds\\s+train mse\\s+model\\.shift"),
                    r.out());
            assertTrue(
                    lines.get(2).matches("\\s+" + ids.get(0) + "\\s+\\S+ \\S+\\s+\\d+\\.\\d\\d\\s+800\\s+\\(unset\\)"),
                    r.out());
            assertTrue(
                    lines.get(3).matches("\\* " + ids.get(1) + "\\s+\\S+ \\S+\\s+\\d+\\.\\d\\d\\s+900\\s+10"), r.out());
        }
    }

    @Test
    void runJsonNamesTheRunIdAndFolder() throws IOException {
        Result r = quiver("run", pipeline().toString(), "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        String id = summary.path("runId").asText();
        assertTrue(dev.quiver.runtime.bundle.RunId.isId(id), r.out());
        assertEquals(
                history().resolve(id).toString(), summary.path("runDirectory").asText(), r.out());
        assertEquals(history().toString(), summary.path("history").asText(), r.out());
        assertTrue(Files.isDirectory(history().resolve(id)), r.out());

        Result exact = quiver(
                "run",
                pipeline().toString(),
                "--json",
                "--quiet",
                "--out",
                temp.resolve("one").toString());
        assertEquals(0, exact.code(), exact.err());
        var one = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exact.out());
        assertTrue(one.path("runId").isNull(), exact.out());
        assertEquals(temp.resolve("one").toString(), one.path("runDirectory").asText(), exact.out());
    }

    @Test
    void runsOfAPipelineFileReadsItsOutputDir() throws IOException {
        Path file = temp.resolve("houses.yaml");
        Files.writeString(file, HOUSES.replace("dir: runs/houses", "dir: experiments/h1"));
        assertEquals(0, quiver("run", file.toString()).code());
        Result r = quiver("runs", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Run history " + temp.resolve("experiments/h1") + " (1 run; LATEST "), r.out());

        Result none = quiver("runs", pipeline().toString());
        assertEquals(3, none.code(), none.out());
        assertTrue(none.err().contains("has no run history yet (" + history() + ")"), none.err());
    }

    @Test
    void everyReferenceFormLoadsTheRunItNames() throws IOException {
        List<String> ids = twoRuns();
        String first = ids.get(0);
        // the first run's model is the mean price 170, the second's (LATEST) 170 + shift 10
        List<List<String>> cases = List.of(
                List.of(history().toString(), "180.0", ids.get(1)),
                List.of(history().resolve(first).toString(), "170.0", first),
                List.of(history().resolve(first.substring(0, 16)).toString(), "170.0", first),
                List.of(history().resolve(first.substring(first.length() - 6)).toString(), "170.0", first),
                List.of(history().resolve("latest").toString(), "180.0", ids.get(1)));
        for (List<String> c : cases) {
            Result r = quiver("inspect", c.get(0));
            assertEquals(0, r.code(), c + ": " + r.err());
            assertTrue(r.out().contains("Run " + history().resolve(c.get(2))), c + ": " + r.out());
            assertTrue(r.out().contains("mean = " + c.get(1)), c + ": " + r.out());
        }
    }

    @Test
    void aBadReferenceSaysWhatWasLookedFor() throws IOException {
        twoRuns();
        Result unknownId = quiver("inspect", history().resolve("abcdef").toString());
        assertEquals(3, unknownId.code());
        assertTrue(unknownId.err().contains("No run 'abcdef' in the run history " + history()), unknownId.err());
        assertTrue(unknownId.err().contains("a run id starting with it"), unknownId.err());
        assertTrue(!unknownId.err().contains("Exception"), unknownId.err());

        Result nowhere = quiver("inspect", temp.resolve("nothing/here").toString());
        assertEquals(3, nowhere.code());
        assertTrue(nowhere.err().contains("No run folder at " + temp.resolve("nothing/here")), nowhere.err());
        Result notHistory = quiver("evaluate", "--model", temp.resolve("here").toString(), "--input", "x.csv");
        assertEquals(3, notHistory.code());
        assertTrue(notHistory.err().contains(temp + " is not a run history"), notHistory.err());

        Result runs = quiver("runs", temp.resolve("nothing").toString());
        assertEquals(3, runs.code());
        assertTrue(runs.err().contains("No run history at " + temp.resolve("nothing")), runs.err());
    }

    @Test
    void keepZeroIsAConfigErrorNamingTheKey() throws IOException {
        Result r = quiver("run", pipeline().toString(), "--set", "output.keep=0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("output.keep"), r.err());
        assertTrue(!Files.exists(history()), "nothing is written");
    }

    @Test
    void compareShowsTheDifferingParametersBesideTheMetricsAndWritesHtml() throws IOException {
        List<String> ids = twoRuns();
        Path html = temp.resolve("compare.html");
        Result r = quiver(
                "compare", history().resolve(ids.get(0)).toString(), history().toString(), "--html", html.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Parameters that differ:", lines.get(0), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("model\\.shift\\s+\\(unset\\)\\s+10")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("train mse\\s+800\\s+900")), r.out());
        String page = Files.readString(html);
        assertTrue(page.contains("<td>model.shift</td><td>(unset)</td><td>10</td>"), page);
        assertTrue(page.contains("id=\"training-loss\""), "learning curves overlaid");
    }
}
