package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.transform.Columns;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.bundle.RunHistory;
import dev.quiver.runtime.bundle.RunId;
import dev.quiver.runtime.bundle.RunReference;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.telemetry.RunTelemetry;
import dev.quiver.testing.LeakCheckExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** output.dir as a run history: one folder per run, LATEST, retention, references, resume. */
@ExtendWith(LeakCheckExtension.class)
class RunHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Executor executor = new Executor(RunTelemetry.noop());

    @TempDir
    Path temp;

    private Pipeline houses(Path history, Integer keep) {
        Pipeline p = TestPipelines.regression(
                TestPipelines.housePrices(), SplitSpec.NONE, List.of(), TestPipelines.mean(1), history);
        return withKeep(p, keep);
    }

    private static Pipeline withKeep(Pipeline p, Integer keep) {
        Map<String, Object> document = new LinkedHashMap<>(p.output().document());
        if (keep != null) {
            document.put("output", Map.of("keep", keep));
        }
        return new Pipeline(
                p.file(),
                p.name(),
                p.seed(),
                p.data(),
                p.model(),
                p.metrics(),
                p.output().withDocument(document));
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void twoRunsKeepTwoFoldersAndLatestNamesTheNewest() throws IOException {
        Path history = temp.resolve("runs/houses");
        RunResult first = executor.run(houses(history, null), RunOptions.defaults());
        RunResult second = executor.run(houses(history, null), RunOptions.defaults());

        assertEquals(history, first.directory().getParent());
        assertEquals(history, second.directory().getParent());
        String a = first.directory().getFileName().toString();
        String b = second.directory().getFileName().toString();
        assertTrue(RunId.isId(a) && RunId.isId(b), a + " " + b);
        assertTrue(a.compareTo(b) < 0, "ids sort in run order even within one second: " + a + " < " + b);
        assertEquals(List.of(a, b), RunHistory.runs(history));
        assertEquals(List.of(a, b, "LATEST"), entries(history), "nothing else: no lock, temp or checkpoint left");
        assertEquals(b + "\n", Files.readString(history.resolve("LATEST")));
        assertTrue(RunBundle.isRun(first.directory()), "the first run is intact");
        assertFalse(Files.exists(temp.resolve("runs/.houses.lock")));
    }

    @Test
    void runJsonRecordsWhatMakesTheRunReproducible() throws IOException {
        RunResult run = executor.run(houses(temp.resolve("h"), null), RunOptions.defaults());
        JsonNode facts = JSON.readTree(run.directory().resolve(RunBundle.RUN).toFile());
        assertEquals(run.directory().getFileName().toString(), facts.path("id").asText());
        assertEquals(42, facts.path("seed").asLong());
        assertEquals("test", facts.path("pipeline").path("name").asText());
        String yaml = Files.readString(run.directory().resolve(RunBundle.PIPELINE));
        assertEquals(
                dev.quiver.runtime.bundle.FileDigest.sha256(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                facts.path("pipeline").path("sha256").asText(),
                "the hash of pipeline.yaml as saved");
        assertTrue(facts.path("seconds").asDouble() >= 0);
        assertTrue(java.time.Instant.parse(facts.path("started").asText())
                .isBefore(
                        java.time.Instant.parse(facts.path("finished").asText()).plusNanos(1)));
        assertEquals(
                Runtime.getRuntime().availableProcessors(), facts.path("cores").asInt());
        assertEquals(
                Runtime.version().toString(), facts.path("jvm").path("version").asText());
        assertEquals(
                System.getProperty("os.name"), facts.path("os").path("name").asText());
        assertTrue(Set.of("vector", "scalar").contains(facts.path("kernel").asText()), facts.toString());
        assertTrue(facts.path("quiver").path("version").asText().startsWith("0."), facts.toString());
        assertTrue(
                facts.path("quiver").path("commit").asText().matches("[0-9a-f]{40}(-dirty)?|unknown"),
                facts.toString());
        assertTrue(facts.path("data").isArray());
    }

    @Test
    void retentionPrunesTheOldestButNeverTheNewestNorTheOneLatestNames() throws IOException {
        Path history = temp.resolve("h");
        String[] ids = new String[4];
        for (int i = 0; i < 3; i++) {
            ids[i] = executor.run(houses(history, 2), RunOptions.defaults())
                    .directory()
                    .getFileName()
                    .toString();
        }
        assertEquals(List.of(ids[1], ids[2]), RunHistory.runs(history), "keep: 2 pruned the oldest");

        // the user rolls LATEST back to the older run: the next run points LATEST at itself and prunes ids[1]
        Files.writeString(history.resolve("LATEST"), ids[1] + "\n");
        ids[3] = executor.run(houses(history, 2), RunOptions.defaults())
                .directory()
                .getFileName()
                .toString();
        assertEquals(List.of(ids[2], ids[3]), RunHistory.runs(history));

        // keep: 1 keeps the newest, and the run LATEST names although it is older
        Files.writeString(history.resolve("LATEST"), ids[2] + "\n");
        try (RunHistory open = RunHistory.open(history)) {
            assertEquals(List.of(), open.prune(1), "the newest and LATEST's run are both kept");
        }
        assertEquals(List.of(ids[2], ids[3]), RunHistory.runs(history));
        assertFalse(
                entries(history).stream().anyMatch(e -> e.contains(".pruned-")),
                entries(history).toString());
    }

    @Test
    void keepBelowOneIsRefused() {
        try (RunHistory open = RunHistory.open(temp.resolve("h"))) {
            assertThrows(IllegalArgumentException.class, () -> open.prune(0));
        }
    }

    @Test
    void everyReferenceFormNamesTheRightRun() throws IOException {
        Path history = temp.resolve("h");
        Path a = executor.run(houses(history, null), RunOptions.defaults()).directory();
        Path b = executor.run(houses(history, null), RunOptions.defaults()).directory();
        String idA = a.getFileName().toString();

        assertEquals(b, RunReference.resolve(history).run(), "a history means its LATEST run");
        assertEquals(a, RunReference.resolve(a).run(), "a run folder is itself");
        assertEquals(
                a,
                RunReference.resolve(history.resolve(idA.substring(idA.length() - 6)))
                        .run(),
                "suffix");
        assertEquals(b, RunReference.resolve(history.resolve("latest")).run());
        assertEquals(Optional.of(history), RunReference.resolve(a).history());
        assertEquals("h", RunReference.resolve(a).displayName());

        Files.writeString(history.resolve("LATEST"), idA + "\n");
        assertEquals(a, RunReference.resolve(history).run(), "LATEST rolled back by hand");

        QuiverException unknown =
                assertThrows(QuiverException.class, () -> RunReference.resolve(history.resolve("ffffff")));
        assertEquals(ErrorCode.DATA, unknown.code());
        assertTrue(
                unknown.getMessage().contains("No run 'ffffff' in the run history " + history), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("2 runs, from " + idA), unknown.getMessage());

        QuiverException nowhere =
                assertThrows(QuiverException.class, () -> RunReference.resolve(temp.resolve("nope/x")));
        assertTrue(nowhere.getMessage().contains("No run folder at " + temp.resolve("nope/x")), nowhere.getMessage());

        Files.writeString(history.resolve("LATEST"), "garbage\n");
        QuiverException bad = assertThrows(QuiverException.class, () -> RunReference.resolve(history));
        assertTrue(bad.getMessage().contains("LATEST holds 'garbage', which is not a run id"), bad.getMessage());
    }

    @Test
    void anAmbiguousIdPrefixListsTheRuns() {
        Path history = temp.resolve("h");
        Path a = executor.run(houses(history, null), RunOptions.defaults()).directory();
        executor.run(houses(history, null), RunOptions.defaults());
        String year = a.getFileName().toString().substring(0, 4);
        QuiverException e = assertThrows(QuiverException.class, () -> RunReference.resolve(history.resolve(year)));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("matches 2 runs"), e.getMessage());
    }

    @Test
    void aFailedFirstRunLeavesNoHistoryFolder() {
        Path history = temp.resolve("h");
        ScriptedTrainer diverging =
                new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.DIVERGE_AT_EPOCH_3, 5);
        Pipeline p = TestPipelines.pipeline(
                TestPipelines.housePrices(),
                new Columns(List.of("area"), Optional.of("price")),
                Task.REGRESSION,
                SplitSpec.NONE,
                List.of(),
                new Named<>("mean", diverging, Map.of()),
                List.of(TestPipelines.mse()),
                history,
                0);
        assertThrows(QuiverException.class, () -> executor.run(p, RunOptions.defaults()));
        assertFalse(Files.exists(history));
    }

    @Test
    void resumeFindsTheInterruptedRunsCheckpointsInTheHistory() throws IOException {
        Path history = temp.resolve("h");
        ScriptedTrainer diverging =
                new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.DIVERGE_AT_EPOCH_3, 5);
        executor.run(houses(history, null), RunOptions.defaults()); // an earlier, finished run
        assertThrows(
                QuiverException.class, () -> executor.run(checkpointed(diverging, history), RunOptions.defaults()));
        assertTrue(Files.isRegularFile(history.resolve(".checkpoints/checkpoint.json")));

        ScriptedTrainer healthy = new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.NONE, 5);
        RunResult resumed = executor.run(
                checkpointed(healthy, history), RunOptions.defaults().withResume(true));
        assertEquals(List.of(3, 4, 5), healthy.epochsRun, "epochs 1 and 2 came from the checkpoint");
        assertEquals(2, RunHistory.runs(history).size());
        assertEquals(resumed.directory(), RunReference.resolve(history).run());
        assertFalse(Files.exists(history.resolve(".checkpoints")), "discarded after the commit");
        JsonNode facts =
                JSON.readTree(resumed.directory().resolve(RunBundle.RUN).toFile());
        assertEquals(2, facts.path("resumedFromEpoch").asInt());
    }

    @Test
    void aUsersFolderOrASingleRunIsNotTakenForAHistory() throws IOException {
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        QuiverException user =
                assertThrows(QuiverException.class, () -> executor.run(houses(mine, null), RunOptions.defaults()));
        assertEquals(ErrorCode.USAGE, user.code());
        assertTrue(user.getMessage().contains("is not a Quiver run history (it holds notes.txt)"), user.getMessage());

        Path single = temp.resolve("single");
        executor.run(houses(single, null), RunOptions.defaults().withOutputDir(single));
        QuiverException run =
                assertThrows(QuiverException.class, () -> executor.run(houses(single, null), RunOptions.defaults()));
        assertEquals(ErrorCode.USAGE, run.code());
        assertTrue(run.getMessage().contains("holds a single run"), run.getMessage());
        assertTrue(RunBundle.isRun(single), "left as it was");
    }

    private static Pipeline checkpointed(ScriptedTrainer trainer, Path out) {
        return TestPipelines.pipeline(
                TestPipelines.housePrices(),
                new Columns(List.of("area"), Optional.of("price")),
                Task.REGRESSION,
                SplitSpec.NONE,
                List.of(),
                new Named<>("mean", trainer, Map.of()),
                List.of(TestPipelines.mse()),
                out,
                1);
    }
}
