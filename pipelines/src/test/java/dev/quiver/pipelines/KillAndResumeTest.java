package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint promise, with a real SIGKILL: a training process killed after its first checkpoint, then
 * resumed with {@code --resume}, ends with the same parameters, bit for bit, as a run never interrupted.
 */
class KillAndResumeTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void aKilledRunResumesToTheParametersOfAnUninterruptedOne() throws Exception {
        Path pipeline = temp.resolve("digits.yaml");
        Files.writeString(pipeline, """
                version: 1
                name: resumable
                seed: 3
                source: {type: csv, path: %s}
                columns: {target: digit}
                split: {test: 0.25, stratify: true}
                transforms: [{type: standardize}]
                model: {type: mlp, hidden: [32]}
                training: {optimizer: {type: adam, lr: 0.001}, epochs: 40, batchSize: 32}
                evaluate: [accuracy]
                checkpoint: {every: 1}
                """.formatted(PIPELINES.resolve("data/digits.csv")));

        Path killed = temp.resolve("killed");
        Process process = new ProcessBuilder(command("run", pipeline.toString(), "--out", killed.toString()))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile())
                .start();
        Path checkpoint = temp.resolve("killed.checkpoints").resolve("checkpoint.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), () -> "training ended before it could be killed:\n" + log());
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        process.waitFor();
        assertFalse(Files.exists(killed.resolve("model.json")), "a killed run leaves no model behind");
        assertEquals(
                1,
                leftovers().stream().filter(n -> n.startsWith(".killed.tmp-")).count(),
                "a SIGKILL leaves its temporary folder (no hook runs): " + leftovers());
        JsonNode saved = new ObjectMapper().readTree(checkpoint.toFile());
        int killedAt = saved.path("epoch").asInt();
        assertTrue(killedAt >= 1 && killedAt < 40, "checkpoint epoch " + killedAt);
        // Epoch 1's wall time is what the killed process measured: a resumed run restores it, a restarted one
        // would measure its own.
        double epochOneSeconds = saved.path("history").path(0).path("seconds").asDouble();

        int resumed = quiver("run", pipeline.toString(), "--out", killed.toString(), "--resume");
        assertEquals(0, resumed, "resume failed");
        assertEquals(List.of(), leftovers(), "the next run to the target deleted the killed run's temporary folder");
        Path whole = temp.resolve("whole");
        assertEquals(0, quiver("run", pipeline.toString(), "--out", whole.toString()));

        JsonNode a = new ObjectMapper().readTree(killed.resolve("model.json").toFile());
        JsonNode b = new ObjectMapper().readTree(whole.resolve("model.json").toFile());
        assertEquals(b, a, "resumed parameters differ from the uninterrupted run's");
        List<String> history = Files.readAllLines(killed.resolve("history.csv"));
        assertEquals(41, history.size(), "a header and 40 epochs");
        assertEquals(
                epochOneSeconds,
                Double.parseDouble(history.get(1).split(",")[5]),
                1e-6,
                "epoch 1 was restored from the checkpoint, not trained again");
    }

    @Test
    void aKilledRunInAHistoryResumesFromTheHistorysCheckpoints() throws Exception {
        Path pipeline = temp.resolve("digits.yaml");
        Files.writeString(pipeline, """
                version: 1
                name: resumable
                seed: 3
                source: {type: csv, path: %s}
                columns: {target: digit}
                split: {test: 0.25, stratify: true}
                transforms: [{type: standardize}]
                model: {type: mlp, hidden: [32]}
                training: {optimizer: {type: adam, lr: 0.001}, epochs: 40, batchSize: 32}
                evaluate: [accuracy]
                checkpoint: {every: 1}
                output: {dir: history}
                """.formatted(PIPELINES.resolve("data/digits.csv")));
        Path history = temp.resolve("history");
        Process process = new ProcessBuilder(command("run", pipeline.toString()))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile())
                .start();
        Path checkpoint = history.resolve(".checkpoints").resolve("checkpoint.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), () -> "training ended before it could be killed:\n" + log());
        process.destroyForcibly(); // SIGKILL
        process.waitFor();
        List<String> left = entries(history);
        assertTrue(left.stream().anyMatch(n -> n.matches("\\.\\d{8}T\\d{6}Z-[0-9a-f]{6}\\.tmp-.*")), left.toString());
        assertFalse(left.contains("LATEST"), "no run was committed: " + left);
        int killedAt =
                new ObjectMapper().readTree(checkpoint.toFile()).path("epoch").asInt();

        assertEquals(0, quiver("run", pipeline.toString(), "--resume"), "resume failed");
        List<String> after = entries(history);
        assertEquals(2, after.size(), "one run and LATEST, nothing the killed run left: " + after);
        String id = Files.readString(history.resolve("LATEST")).strip();
        assertEquals(List.of(id, "LATEST"), after);
        assertEquals(
                41,
                Files.readAllLines(history.resolve(id).resolve("history.csv")).size(),
                "40 epochs");
        JsonNode facts = new ObjectMapper()
                .readTree(history.resolve(id).resolve("run.json").toFile());
        assertEquals(killedAt, facts.path("resumedFromEpoch").asInt(), facts.toString());
        assertFalse(Files.exists(temp.resolve(".history.lock")));
    }

    private static List<String> entries(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aKilledLanguageModelRunResumesToTheWeightsOfAnUninterruptedOne() throws Exception {
        Files.copy(Path.of("/usr/share/common-licenses/GPL-3"), temp.resolve("GPL-3"));
        Path pipeline = temp.resolve("gpt.yaml");
        // 10 history rows of 40 steps each, a checkpoint after every row; dropout on, so the resumed run must
        // also continue the masks' random stream.
        Files.writeString(pipeline, """
                version: 1
                name: resumable-gpt
                seed: 3
                source: {type: text, path: GPL-3, context: 16, validation: 0.1, tokenizer: {type: char}}
                model: {type: transformer-lm, layers: 1, heads: 2, dim: 32, dropout: 0.1}
                training:
                  optimizer: {type: adamw, lr: 0.01}
                  schedule: {type: cosine, warmupSteps: 10}
                  steps: 400
                  batchSize: 8
                evaluate: [perplexity]
                checkpoint: {every: 1}
                """);
        Path killed = temp.resolve("killed");
        Process process = new ProcessBuilder(command("run", pipeline.toString(), "--out", killed.toString()))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile())
                .start();
        Path checkpoint = temp.resolve("killed.checkpoints").resolve("checkpoint.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), () -> "training ended before it could be killed:\n" + log());
        process.destroyForcibly(); // SIGKILL
        process.waitFor();
        int killedAt =
                new ObjectMapper().readTree(checkpoint.toFile()).path("epoch").asInt();
        assertTrue(killedAt >= 1 && killedAt < 10, "checkpoint after history row " + killedAt);

        assertEquals(0, quiver("run", pipeline.toString(), "--out", killed.toString(), "--resume"), "resume failed");
        Path whole = temp.resolve("whole");
        assertEquals(0, quiver("run", pipeline.toString(), "--out", whole.toString()));
        JsonNode a = new ObjectMapper().readTree(killed.resolve("model.json").toFile());
        JsonNode b = new ObjectMapper().readTree(whole.resolve("model.json").toFile());
        assertEquals(b, a, "resumed weights differ from the uninterrupted run's");
        assertEquals(11, Files.readAllLines(killed.resolve("history.csv")).size(), "a header and 10 rows");
    }

    /** What runs to {@code killed} left beside it: temporary folders and lock files. */
    private List<String> leftovers() throws IOException {
        try (var files = Files.list(temp)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".killed."))
                    .toList();
        }
    }

    @Test
    void aSigtermedRunDeletesItsTemporaryFolder() throws Exception {
        Path pipeline = temp.resolve("digits.yaml");
        Files.writeString(pipeline, """
                version: 1
                name: stopped
                source: {type: csv, path: %s}
                columns: {target: digit}
                model: {type: mlp, hidden: [32]}
                training: {optimizer: {type: adam, lr: 0.001}, epochs: 200, batchSize: 32}
                evaluate: [accuracy]
                checkpoint: {every: 1}
                """.formatted(PIPELINES.resolve("data/digits.csv")));
        Path killed = temp.resolve("killed");
        Process process = new ProcessBuilder(command("run", pipeline.toString(), "--out", killed.toString()))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile())
                .start();
        Path checkpoint = temp.resolve("killed.checkpoints").resolve("checkpoint.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), () -> "training ended before it could be stopped:\n" + log());
        assertEquals(
                1,
                leftovers().stream().filter(n -> n.startsWith(".killed.tmp-")).count(),
                "being built");
        process.destroy(); // SIGTERM: the shutdown hooks run
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(List.of(), leftovers(), "no temporary folder or lock is left");
        assertFalse(Files.exists(killed));
    }

    private static final String TUNING = """
            version: 1
            name: tuned
            source: {type: csv, path: %s}
            columns: {target: digit}
            split: {validation: 0.2}
            model: {type: mlp, hidden: [32]}
            training: {optimizer: {type: adam, lr: 0.001}, epochs: 400, batchSize: 32}
            evaluate: [accuracy]
            tune:
              trials: 2
              space: {training.optimizer.lr: {choice: [0.001, 0.002]}}
              objective: {metric: accuracy, goal: maximize}
            """;

    /** Starts a tuning search to {@code killed} in a child JVM and waits until its trials are training. */
    private Process startTuning() throws Exception {
        Path pipeline =
                Files.writeString(temp.resolve("tuned.yaml"), TUNING.formatted(PIPELINES.resolve("data/digits.csv")));
        Process process = new ProcessBuilder(command(
                        "run",
                        pipeline.toString(),
                        "--out",
                        temp.resolve("killed").toString()))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!trialsTraining() && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(
                process.isAlive() && trialsTraining(), () -> "the search ended before it could be killed:\n" + log());
        return process;
    }

    /** Whether a scratch folder beside the output holds a trial's temporary run folder. */
    private boolean trialsTraining() throws IOException {
        for (String name : leftovers()) {
            if (name.startsWith(".killed.tune-")) {
                try (var inside = Files.list(temp.resolve(name))) {
                    if (inside.anyMatch(p -> p.getFileName().toString().startsWith(".trial-"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void aSigkilledSearchsScratchFolderIsDeletedByTheNextRun() throws Exception {
        Process process = startTuning();
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        process.waitFor();
        assertEquals(
                1,
                leftovers().stream().filter(n -> n.startsWith(".killed.tune-")).count(),
                leftovers().toString());
        Path quick = Files.writeString(
                temp.resolve("quick.yaml"), """
                version: 1
                name: quick
                source: {type: csv, path: %s}
                columns: {features: [area], target: price}
                model: {type: linear-regression}
                evaluate: [mse]
                """.formatted(PIPELINES.resolve("data/house_prices.csv")));
        assertEquals(
                0,
                quiver("run", quick.toString(), "--out", temp.resolve("killed").toString()));
        assertEquals(List.of(), leftovers(), "the next run to the output deleted the killed search's scratch folder");
    }

    @Test
    void aSigtermedSearchDeletesItsScratchFolder() throws Exception {
        Process process = startTuning();
        process.destroy(); // SIGTERM: the shutdown hooks run
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(
                List.of(),
                leftovers(),
                () -> "no scratch folder, temporary folder or lock is left:\n" + tree() + "\nchild's output:\n"
                        + log());
        assertFalse(Files.exists(temp.resolve("killed")));
    }

    /** Every path under the test's folder that a run left, for a failure message. */
    private String tree() {
        try (var paths = Files.walk(temp)) {
            return String.join(
                    "\n",
                    paths.filter(p -> temp.relativize(p).toString().startsWith(".killed."))
                            .map(p -> temp.relativize(p).toString())
                            .toList());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private String log() {
        try {
            return Files.readString(temp.resolve("killed.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The CLI in a child JVM with this test's classpath and the same kernel (no incubator module here either). */
    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    private static int quiver(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = Main.execute(args, print, print);
        if (code != 0) {
            System.err.println(sink.toString(StandardCharsets.UTF_8));
        }
        return code;
    }
}
