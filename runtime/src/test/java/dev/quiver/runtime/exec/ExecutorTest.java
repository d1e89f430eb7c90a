package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TableData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheckExtension.class)
class ExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExactExecutor executor = new ExactExecutor();

    @TempDir
    Path temp;

    @Test
    void streamsTheSourceWithSplitNoneAndWritesTheRunFolder(BufferAllocator allocator) throws IOException {
        Path out = temp.resolve("run");
        RunResult result = executor.run(
                TestPipelines.regression(
                        TestPipelines.housePrices(), SplitSpec.NONE, List.of(), TestPipelines.mean(3), out),
                RunOptions.defaults());

        // mean price 170; mse = mean of (-40, -20, 0, 20, 40)^2 = 800
        assertEquals(800.0, result.metric("train", "mse"), 1e-9);
        JsonNode metrics = JSON.readTree(out.resolve(RunBundle.METRICS).toFile());
        assertEquals(800.0, metrics.path("train").path("mse").asDouble(), 1e-9);
        assertFalse(metrics.has("test"));
        assertFalse(metrics.has("validation"));
        assertEquals(15, metrics.path("training").path("rowEpochs").asLong(), "3 epochs over 5 rows");
        assertEquals(5, metrics.path("training").path("rows").asLong());
        assertEquals(3, metrics.path("training").path("epochs").asLong());
        assertTrue(metrics.path("training").path("rowsPerSecond").asDouble() > 0);

        List<String> history = Files.readAllLines(out.resolve(RunBundle.HISTORY));
        assertEquals("epoch,train_loss,validation_loss,learning_rate,rows,seconds", history.get(0));
        assertEquals(4, history.size());
        for (String file : List.of(
                RunBundle.PIPELINE, RunBundle.SCHEMA, RunBundle.TRANSFORMS, RunBundle.MODEL, RunBundle.PREDICTIONS)) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of(out), siblings.toList(), "no temporary or checkpoint folders left behind");
        }

        try (ArrowFileReader reader =
                new ArrowFileReader(Files.newByteChannel(out.resolve(RunBundle.PREDICTIONS)), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertEquals(
                    List.of("row", "price", "prediction"),
                    root.getSchema().getFields().stream().map(Field::getName).toList(),
                    "lean by default");
            assertTrue(reader.loadNextBatch());
            assertEquals(5, root.getRowCount());
            assertEquals(170.0, (Double) root.getVector("prediction").getObject(4), 1e-12);
            assertEquals(4L, root.getVector("row").getObject(4));
            assertEquals(0L, root.getVector("row").getObject(0));
        }
    }

    @Test
    void outputPredictionsFullKeepsTheInputColumnsAndNoneWritesNoFile(BufferAllocator allocator) throws IOException {
        Path full = temp.resolve("full");
        executor.run(
                withPredictions(
                        TestPipelines.regression(
                                TestPipelines.housePrices(), SplitSpec.NONE, List.of(), TestPipelines.mean(1), full),
                        "full"),
                RunOptions.defaults());
        try (ArrowFileReader reader =
                new ArrowFileReader(Files.newByteChannel(full.resolve(RunBundle.PREDICTIONS)), allocator)) {
            assertEquals(
                    List.of("area", "price", "prediction"),
                    reader.getVectorSchemaRoot().getSchema().getFields().stream()
                            .map(Field::getName)
                            .toList());
            assertTrue(reader.loadNextBatch());
            assertEquals(5, reader.getVectorSchemaRoot().getRowCount());
        }

        Path none = temp.resolve("none");
        executor.run(
                withPredictions(
                        TestPipelines.regression(
                                TestPipelines.housePrices(), SplitSpec.NONE, List.of(), TestPipelines.mean(1), none),
                        "none"),
                RunOptions.defaults());
        assertFalse(Files.exists(none.resolve(RunBundle.PREDICTIONS)));
        assertTrue(Files.isRegularFile(none.resolve(RunBundle.MODEL)), "the rest of the run is saved");
    }

    /** The pipeline with {@code output: {predictions: choice}} in its document, as a pipeline file would give. */
    private static Pipeline withPredictions(Pipeline p, String choice) {
        Map<String, Object> document = new java.util.LinkedHashMap<>(p.output().document());
        document.put("output", Map.of("predictions", choice));
        return new Pipeline(
                p.file(),
                p.name(),
                p.seed(),
                p.data(),
                p.model(),
                p.metrics(),
                p.output().withDocument(document));
    }

    @Test
    void fitsTransformsOnTheTrainingRowsOnlyAndScoresEverySplit() {
        TableData data = numbers(100);
        Path out = temp.resolve("run");
        Pipeline pipeline = TestPipelines.regression(
                data, new SplitSpec(0.2, 0.1, false, 0), List.of(TestPipelines.center()), TestPipelines.mean(1), out);

        RunResult result = executor.run(pipeline, RunOptions.defaults());

        assertEquals(70, CenterTransform.ROWS_FITTED.get(), "100 rows minus 20% test and 10% validation");
        assertEquals(
                Map.of("mse", result.metric("train", "mse")), result.metrics().get("train"));
        assertTrue(result.metrics().containsKey("validation"));
        assertTrue(result.metrics().containsKey("test"));
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        TableData data = numbers(50);
        SplitSpec split = new SplitSpec(0.3, 0, false, 0);
        RunResult first = executor.run(
                TestPipelines.regression(data, split, List.of(), TestPipelines.mean(1), temp.resolve("a")),
                RunOptions.defaults());
        RunResult second = executor.run(
                TestPipelines.regression(data, split, List.of(), TestPipelines.mean(1), temp.resolve("b")),
                RunOptions.defaults());
        assertEquals(first.metrics().get("test"), second.metrics().get("test"));
        assertEquals(first.metrics().get("train"), second.metrics().get("train"));
    }

    @Test
    void twoClassesResolveAClassificationToBinaryAndClassesAreSortedNumerically() {
        TableData data = TableData.builder()
                .doubles("x", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0)
                .longs("y", 10L, 9L, 10L, 10L, 9L, 10L)
                .build();
        ScriptedTrainer trainer = new ScriptedTrainer(TestPipelines.majority(), ScriptedTrainer.Fault.NONE, 0);
        Pipeline pipeline = TestPipelines.pipeline(
                data,
                new Columns(List.of("x"), Optional.of("y")),
                Task.CLASSIFICATION,
                SplitSpec.NONE,
                List.of(),
                new Named<>("majority", trainer, Map.of()),
                List.of(TestPipelines.accuracy()),
                temp.resolve("run"),
                0);

        RunResult result = executor.run(pipeline, RunOptions.defaults());

        assertEquals(Task.BINARY, trainer.seen.task());
        assertEquals(Task.BINARY, result.fitted().task(), "the one resolved task is what the run saves");
        assertEquals(List.of("9", "10"), trainer.seen.classes());
        assertEquals(4.0 / 6, result.metric("train", "accuracy"), 1e-12);
    }

    @Test
    void aLabelMissingFromTheTrainingRowsIsADataErrorBeforeTraining() {
        // One row of class "rare": without stratification it can land outside the training rows.
        String[] labels = new String[40];
        Double[] x = new Double[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 2 == 0 ? "a" : "b";
            x[i] = (double) i;
        }
        labels[7] = "rare";
        TableData data =
                TableData.builder().doubles("x", x).strings("y", labels).build();
        for (long seed = 0; seed < 50; seed++) {
            Pipeline p = classification(data, new SplitSpec(0.5, 0, false, 0), seed);
            int[] train = dev.quiver.runtime.exec.internal.Splitter.split(
                            40, p.data().split(), seed, null)
                    .train();
            if (java.util.Arrays.binarySearch(train, 7) < 0) {
                QuiverException e = assertThrows(QuiverException.class, () -> executor.run(p, RunOptions.defaults()));
                assertEquals(ErrorCode.DATA, e.code());
                assertTrue(e.getMessage().contains("label 'rare' occurs in the test rows"), e.getMessage());
                assertFalse(Files.exists(temp.resolve("run")));
                // Stratified, the rare class stays in training and the run succeeds.
                executor.run(classification(data, new SplitSpec(0.5, 0, true, 0), seed), RunOptions.defaults());
                return;
            }
        }
        throw new AssertionError("no seed put the rare row outside training");
    }

    private Pipeline classification(TableData data, SplitSpec split, long seed) {
        Pipeline p = TestPipelines.pipeline(
                data,
                new Columns(List.of("x"), Optional.of("y")),
                Task.MULTICLASS,
                split,
                List.of(),
                new Named<>("majority", TestPipelines.majority(), Map.of()),
                List.of(TestPipelines.accuracy()),
                temp.resolve("run"),
                0);
        return new Pipeline(p.file(), p.name(), seed, p.data(), p.model(), p.metrics(), p.output());
    }

    @Test
    void withoutATargetThereAreNoMetricsButPredictionsAreWritten(BufferAllocator allocator) throws IOException {
        Path out = temp.resolve("run");
        Pipeline pipeline = TestPipelines.pipeline(
                TestPipelines.housePrices(),
                new Columns(List.of("area", "price"), Optional.empty()),
                Task.CLUSTERING,
                SplitSpec.NONE,
                List.of(),
                new Named<>("one-cluster", new OneClusterTrainer(), Map.of()),
                List.of(),
                out,
                0);

        RunResult result = executor.run(pipeline, RunOptions.defaults());

        assertEquals(List.of("training"), List.copyOf(result.metrics().keySet()));
        try (ArrowFileReader reader =
                new ArrowFileReader(Files.newByteChannel(out.resolve(RunBundle.PREDICTIONS)), allocator)) {
            assertTrue(reader.loadNextBatch());
            assertEquals(5, reader.getVectorSchemaRoot().getRowCount());
            assertEquals(
                    List.of("row", "prediction"),
                    reader.getVectorSchemaRoot().getSchema().getFields().stream()
                            .map(Field::getName)
                            .toList(),
                    "no target to keep");
        }
        assertTrue(Files.isRegularFile(out.resolve(RunBundle.REPORT)));
    }

    @Test
    void aLeakIsAnInternalErrorNamingTheStageAndLeavesNoOutput() {
        Path out = temp.resolve("run");
        ScriptedTrainer leaky = new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.LEAK, 0);
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> executor.run(
                        TestPipelines.regression(TestPipelines.housePrices(), SplitSpec.NONE, List.of(), leaky, out),
                        RunOptions.defaults()));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("stage 'train'"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFailedRunLeavesTheOlderRunIntactAndNoTemporaryFolder() throws IOException {
        Path out = temp.resolve("run");
        executor.run(
                TestPipelines.regression(
                        TestPipelines.housePrices(), SplitSpec.NONE, List.of(), TestPipelines.mean(1), out),
                RunOptions.defaults());
        byte[] before = Files.readAllBytes(out.resolve(RunBundle.MODEL));

        ScriptedTrainer failing = new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.THROW, 0);
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> executor.run(
                        TestPipelines.regression(TestPipelines.housePrices(), SplitSpec.NONE, List.of(), failing, out),
                        RunOptions.defaults()));

        assertEquals("scripted failure", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out.resolve(RunBundle.MODEL)));
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of(out), siblings.toList());
        }
    }

    @Test
    void refusesToReplaceAFolderThatIsNotARun() throws IOException {
        Path out = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(out.resolve("thesis.txt"), "years of work");
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> executor.run(
                        TestPipelines.regression(
                                TestPipelines.housePrices(), SplitSpec.NONE, List.of(), TestPipelines.mean(1), out),
                        RunOptions.defaults()));
        assertEquals(ErrorCode.USAGE, e.code());
        assertEquals("years of work", Files.readString(out.resolve("thesis.txt")));
    }

    @Test
    void resumesFromTheLastCheckpointWithTheWholeHistory() throws IOException {
        Path out = temp.resolve("run");
        ScriptedTrainer diverging =
                new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.DIVERGE_AT_EPOCH_3, 5);
        Pipeline first = checkpointed(diverging, out);
        QuiverException e = assertThrows(QuiverException.class, () -> executor.run(first, RunOptions.defaults()));
        assertEquals(ErrorCode.DIVERGED, e.code());
        assertFalse(Files.exists(out));

        ScriptedTrainer healthy = new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.NONE, 5);
        RunResult result =
                executor.run(checkpointed(healthy, out), RunOptions.defaults().withResume(true));

        assertEquals(List.of(3, 4, 5), healthy.epochsRun, "epochs 1 and 2 came from the checkpoint");
        assertEquals(
                List.of(1, 2, 3, 4, 5),
                result.history().stream().map(s -> s.epoch()).toList());
        assertEquals(6, Files.readAllLines(out.resolve(RunBundle.HISTORY)).size());
        assertFalse(Files.exists(temp.resolve("run.checkpoints")), "checkpoints are discarded after success");
    }

    @Test
    void aFreshRunIgnoresOldCheckpoints() {
        Path out = temp.resolve("run");
        ScriptedTrainer diverging =
                new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.DIVERGE_AT_EPOCH_3, 5);
        assertThrows(QuiverException.class, () -> executor.run(checkpointed(diverging, out), RunOptions.defaults()));
        ScriptedTrainer again = new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.NONE, 5);
        executor.run(checkpointed(again, out), RunOptions.defaults());
        assertEquals(List.of(1, 2, 3, 4, 5), again.epochsRun);
    }

    @Test
    void aCheckpointGetsThePermissionsOfAFileTheUserCreates() throws IOException {
        Path probe = Files.createFile(temp.resolve("probe"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.getFileStore(probe).supportsFileAttributeView("posix"));
        ScriptedTrainer diverging =
                new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.DIVERGE_AT_EPOCH_3, 5);
        Path out = temp.resolve("run");
        assertThrows(QuiverException.class, () -> executor.run(checkpointed(diverging, out), RunOptions.defaults()));
        assertEquals(
                Files.getPosixFilePermissions(probe),
                Files.getPosixFilePermissions(temp.resolve("run.checkpoints/checkpoint.json")));
    }

    @Test
    void aFolderOfTheUsersNamedLikeTheCheckpointsIsNotDeleted() throws IOException {
        Path mine = Files.createDirectories(temp.resolve("run.checkpoints"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        ScriptedTrainer trainer = new ScriptedTrainer(TestPipelines.mean(1), ScriptedTrainer.Fault.NONE, 5);
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> executor.run(checkpointed(trainer, temp.resolve("run")), RunOptions.defaults()));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("holds something other than Quiver checkpoints"), e.getMessage());
        assertEquals("mine", Files.readString(mine.resolve("notes.txt")));
        assertFalse(Files.exists(temp.resolve("run")));
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

    /** y = 2x + 1 over x = 0..n-1. */
    static TableData numbers(int n) {
        Double[] x = new Double[n];
        Double[] y = new Double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (double) i;
            y[i] = 2.0 * i + 1;
        }
        return TableData.builder()
                .doubles("area", x)
                .doubles("price", y)
                .build()
                .withBatchSize(16);
    }
}
