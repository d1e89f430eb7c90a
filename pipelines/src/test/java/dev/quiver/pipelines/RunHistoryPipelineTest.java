package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.runtime.bundle.RunId;
import dev.quiver.runtime.bundle.RunMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's house-prices commands on a run history: two runs keep two folders, {@code quiver runs} lists both, every
 * model reference form predicts, and run.json records the data file's size and SHA-256.
 */
class RunHistoryPipelineTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void twoRunsEveryReferenceFormAndTheDataFilesHash() throws IOException, NoSuchAlgorithmException {
        Path yaml = PIPELINES.resolve("house-prices.yaml");
        Path history = temp.resolve("house-prices");
        String dir = "output.dir=" + history;
        assertEquals(
                0, PipelinesTest.quiver("run", yaml.toString(), "--set", dir).code());
        PipelinesTest.Result second = PipelinesTest.quiver("run", yaml.toString(), "--set", dir);
        assertEquals(0, second.code(), second.err());

        List<String> ids;
        try (var entries = Files.list(history)) {
            ids = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("LATEST"))
                    .sorted()
                    .toList();
        }
        assertEquals(2, ids.size(), ids.toString());
        PipelinesTest.Result listed = PipelinesTest.quiver("runs", history.toString());
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("  " + ids.get(0)) && listed.out().contains("* " + ids.get(1)), listed.out());

        Path input = temp.resolve("areas.csv");
        Files.writeString(input, "area\n110\n");
        String first = ids.get(0);
        int n = 0;
        for (Path model : List.of(
                history,
                history.resolve(first),
                history.resolve(first.substring(0, 17)),
                history.resolve(first.substring(first.length() - 6)),
                history.resolve("latest"))) {
            Path output = temp.resolve("prices" + n++ + ".csv");
            PipelinesTest.Result r = PipelinesTest.quiver(
                    "predict", "--model", model.toString(), "--input", input.toString(), "--output", output.toString());
            assertEquals(0, r.code(), model + ": " + r.err());
            assertEquals(List.of("area,prediction", "110,160.0"), Files.readAllLines(output), model.toString());
        }

        Path data = PIPELINES.resolve("data/house_prices.csv");
        JsonNode facts = new ObjectMapper()
                .readTree(history.resolve(ids.get(1)).resolve("run.json").toFile());
        JsonNode file = facts.path("data").path(0);
        assertEquals(data.toString(), file.path("path").asText(), facts.toString());
        assertEquals(Files.size(data), file.path("size").asLong());
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data))),
                file.path("sha256").asText());
        assertEquals(1, facts.path("data").size(), "only the source's file: " + facts);
    }

    /** Copies the run an older Quiver (marker format 1, before run history) saved, as its output.dir. */
    private Path olderRunAt(Path folder) throws IOException {
        Path golden = PIPELINES.resolve("src/test/resources/golden");
        copy(golden.resolve("pipelines"), temp);
        copy(golden.resolve("1/least-squares/run"), folder);
        return temp.resolve("least-squares.yaml");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<String> runIds(Path history) throws IOException {
        try (var entries = Files.list(history)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(RunId::isId)
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aRunAnOlderQuiverSavedAtOutputDirIsReadAsOneRunThenMovedIntoTheHistory() throws IOException {
        Path old = temp.resolve("runs/least-squares");
        Path yaml = olderRunAt(old);
        byte[] model = Files.readAllBytes(old.resolve("model.json"));

        PipelinesTest.Result inspect = PipelinesTest.quiver("inspect", old.toString());
        assertEquals(0, inspect.code(), inspect.err());
        Path input = PIPELINES.resolve("src/test/resources/golden/1/least-squares/input.csv");
        PipelinesTest.Result predict = PipelinesTest.quiver(
                "predict",
                "--model",
                old.toString(),
                "--input",
                input.toString(),
                "--output",
                temp.resolve("p.csv").toString());
        assertEquals(0, predict.code(), predict.err());
        PipelinesTest.Result listed = PipelinesTest.quiver("runs", yaml.toString());
        assertEquals(0, listed.code(), listed.err());
        assertTrue(
                listed.out().startsWith("Run folder " + old + " (1 run, not a run history; saved by an older Quiver"),
                listed.out());
        assertTrue(listed.out().contains("least-squares"), listed.out());

        PipelinesTest.Result run = PipelinesTest.quiver("run", yaml.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(
                run.err().contains("Moved the single run in " + old + " (saved by a Quiver from before run history)"),
                run.err());
        List<String> ids = runIds(old);
        assertEquals(2, ids.size(), ids.toString());
        assertEquals(ids.get(1), Files.readString(old.resolve("LATEST")).strip());
        Path moved = old.resolve(ids.get(0));
        RunMarker.verify(moved);
        assertArrayEquals(model, Files.readAllBytes(moved.resolve("model.json")), "the older run moved unchanged");
        assertTrue(!Files.exists(old.resolve("model.json")), "no run files left at the history's top");

        PipelinesTest.Result both = PipelinesTest.quiver("runs", old.toString());
        assertEquals(0, both.code(), both.err());
        assertTrue(both.out().contains("  " + ids.get(0)) && both.out().contains("* " + ids.get(1)), both.out());
    }

    @Test
    void aMoveAKilledRunBeganIsFinishedByTheNextRun() throws IOException {
        // killed between the two renames: the staged history (the run under its id, no LATEST yet) sits beside
        // output.dir, which is absent
        String id = "20261201T100000Z-abc123";
        Path history = temp.resolve("runs/least-squares");
        Path staged = temp.resolve("runs/.least-squares.migrating-k1");
        Path yaml = olderRunAt(staged.resolve(id));
        PipelinesTest.Result run = PipelinesTest.quiver("run", yaml.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("Moved the single run in " + history), run.err());
        List<String> ids = runIds(history);
        assertEquals(List.of(id), ids.subList(0, 1), ids.toString());
        assertEquals(2, ids.size(), ids.toString());
        RunMarker.verify(history.resolve(id));
        assertTrue(!Files.exists(staged), "the staged history became the history");
    }

    @Test
    void runsAndCompareReadTheRecordedDataHashesAndDoNotHashAgain() throws IOException, NoSuchAlgorithmException {
        Path yaml = PIPELINES.resolve("house-prices.yaml");
        Path history = temp.resolve("house-prices");
        Path data = temp.resolve("house_prices.csv");
        Files.copy(PIPELINES.resolve("data/house_prices.csv"), data);
        String[] sets = {"--set", "output.dir=" + history, "--set", "source.path=" + data};
        assertEquals(
                0,
                PipelinesTest.quiver("run", yaml.toString(), sets[0], sets[1], sets[2], sets[3])
                        .code());
        Files.writeString(data, "area,price\n80,131\n100,150\n120,170\n140,190\n160,210\n");
        String changed = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data)))
                .substring(0, 12);
        assertEquals(
                0,
                PipelinesTest.quiver("run", yaml.toString(), sets[0], sets[1], sets[2], sets[3])
                        .code());
        List<String> ids = runIds(history);

        PipelinesTest.Result compare = PipelinesTest.quiver(
                "compare",
                history.resolve(ids.get(0)).toString(),
                history.resolve(ids.get(1)).toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(
                compare.out().lines().anyMatch(l -> l.matches("data:house_prices\\.csv\\s+[0-9a-f]{12}\\s+" + changed)),
                compare.out());

        // an edit that keeps a file's size is found only by hashing: runs and compare do not hash, loading does
        Path saved = history.resolve(ids.get(0)).resolve("model.json");
        String model = Files.readString(saved);
        int at = model.length() - 1;
        while (!Character.isDigit(model.charAt(at))) {
            at--;
        }
        char digit = model.charAt(at);
        Files.writeString(
                saved, model.substring(0, at) + (digit == '9' ? '8' : (char) (digit + 1)) + model.substring(at + 1));
        assertEquals(model.length(), Files.size(saved));
        PipelinesTest.Result listed = PipelinesTest.quiver("runs", history.toString());
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("data:house_prices.csv"), listed.out());
        PipelinesTest.Result inspect =
                PipelinesTest.quiver("inspect", history.resolve(ids.get(0)).toString());
        assertEquals(3, inspect.code(), inspect.out());
        assertTrue(inspect.err().contains("model.json was changed after the run wrote it"), inspect.err());
    }
}
