package dev.quiver.engine.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.state.StateReader;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryCheckpoints;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import dev.quiver.testing.TestTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** transformer-lm's early stopping and checkpoints, as the other engine models have them. */
@ExtendWith(LeakCheckExtension.class)
class TransformerLmTrainingTest {

    @TempDir
    Path temp;

    private Data data(String text, double validation) throws IOException {
        Files.writeString(temp.resolve("corpus.txt"), text);
        MapConfig config = MapConfig.of(
                "path", "corpus.txt", "context", 16, "validation", validation, "tokenizer", Map.of("type", "byte"));
        Source source = new TextSourceFactory().create(config, new TestContext(temp, 1));
        config.assertNoProblems();
        return new Data(source, source.validationRows().map(v -> new Data(v, Optional.empty())));
    }

    private static Trainer trainer(double dropout) {
        MapConfig model = MapConfig.of("layers", 1, "heads", 2, "dim", 16, "dropout", dropout);
        Trainer trainer = new TransformerLmFactory().create(model, new TestContext());
        model.assertNoProblems();
        return trainer;
    }

    private static TrainingSetup setup(Trainer trainer, Object... extra) {
        Map<String, Object> section = new LinkedHashMap<>(Map.of(
                "steps",
                20,
                "batchSize",
                4,
                "schedule",
                Map.of("type", "cosine", "warmupSteps", 3),
                "clip",
                Map.of("maxNorm", 1.0)));
        for (int i = 0; i < extra.length; i += 2) {
            section.put((String) extra[i], extra[i + 1]);
        }
        MapConfig config = new MapConfig("training", section);
        TrainingSetup setup = TestTraining.setup(trainer, Task.LANGUAGE_MODEL, config, null, null);
        config.assertNoProblems();
        return setup;
    }

    private static StateReader weights(Model model) {
        MemoryState state = new MemoryState();
        model.save(state);
        return state.reader().child("weights");
    }

    private static final List<String> SOME_WEIGHTS =
            List.of("wte", "wpe", "h0.attn.qkv.weight", "h0.mlp.fc.weight", "lnf.weight");

    private static void assertSameWeights(Model expected, Model actual) {
        for (String name : SOME_WEIGHTS) {
            assertArrayEquals(weights(expected).getFloats(name), weights(actual).getFloats(name), name);
        }
    }

    @Test
    void aFitResumedFromACheckpointEndsBitIdenticalToAnUninterruptedOne(BufferAllocator allocator) throws IOException {
        Data data = data("to be or not to be, that is the question. ".repeat(12), 0.2);
        // Dropout, so that the resumed fit must also continue the dropout masks' random stream where it stopped;
        // 20 steps over 25 windows of 4: the interruption falls inside the second pass over the windows.
        Trainer trainer = trainer(0.1);
        TrainingSetup setup = setup(trainer);
        Model uninterrupted = trainer.fit(data, new TestFitContext(allocator, 7, setup, new MemoryCheckpoints(3)));

        MemoryCheckpoints checkpoints = new MemoryCheckpoints(3);
        TestFitContext killed = new TestFitContext(allocator, 7, setup, checkpoints) {
            @Override
            public void epochEnded(EpochStats stats) {
                super.epochEnded(stats);
                if (stats.epoch() == 8) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> trainer.fit(data, killed));
        assertEquals(6, checkpoints.latestEpoch(), "checkpoints after evaluations 3 and 6 (every 2 steps)");

        TestFitContext resumed = new TestFitContext(allocator, 7, setup, checkpoints);
        Model model = trainer.fit(data, resumed);
        assertEquals(
                List.of(7, 8, 9, 10),
                resumed.epochs().stream().map(EpochStats::epoch).toList());
        assertEquals(
                killed.epochs().get(6).trainLoss(),
                resumed.epochs().get(0).trainLoss(),
                "evaluation 7 trained on the same windows with the same masks");
        assertSameWeights(uninterrupted, model);

        Model fresh = trainer.fit(data, new TestFitContext(allocator, 8, setup, new MemoryCheckpoints(3)));
        assertTrue(
                !java.util.Arrays.equals(
                        weights(fresh).getFloats("wte"), weights(model).getFloats("wte")),
                "another seed ends elsewhere: the comparison above can fail");
    }

    @Test
    void earlyStoppingOnValidationLossStopsAndKeepsTheBestEvaluationsWeights(BufferAllocator allocator)
            throws IOException {
        // A short text learnt far too fast: validation loss falls, then rises as the model memorises the rest.
        Data data = data(
                "the cat sat on the mat; a dog ran in the fog. ".repeat(4) + "zebras quietly vex jumpy fowl.", 0.25);
        Trainer trainer = trainer(0);
        TrainingSetup setup = setup(
                trainer,
                "steps",
                400,
                "optimizer",
                Map.of("type", "adamw", "lr", 0.03),
                "earlyStopping",
                Map.of("patience", 2));
        TestFitContext fit = new TestFitContext(allocator, 3, setup);
        Model model = trainer.fit(data, fit);
        List<EpochStats> rows = fit.epochs();
        assertTrue(rows.size() < 10, "stopped before the last of 10 evaluations: " + rows.size());
        int best = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).validationLoss() < rows.get(best).validationLoss()) {
                best = i;
            }
        }
        assertEquals(rows.size() - 4, best, "stopped at the third evaluation after the best (patience 2): " + rows);
        assertTrue(
                fit.notes().stream().anyMatch(n -> n.contains("early stopping")),
                fit.notes().toString());

        // The model returned is the best evaluation's: its validation loss is that row's.
        Windows validation = Windows.read(data.validation().orElseThrow(), 256, allocator);
        double kept = LmTrainingLoop.meanLoss(((TransformerLmModel) model).network(), validation);
        assertEquals(rows.get(best).validationLoss(), kept, 1e-6);
        assertTrue(kept < rows.get(rows.size() - 1).validationLoss());
    }

    @Test
    void earlyStoppingOnAccuracyIsAClearError(BufferAllocator allocator) throws IOException {
        Data data = data("to be or not to be, that is the question. ".repeat(12), 0.2);
        Trainer trainer = trainer(0);
        TrainingSetup setup = setup(trainer, "earlyStopping", Map.of("monitor", "validation_accuracy"));
        QuiverException e =
                assertThrows(QuiverException.class, () -> trainer.fit(data, new TestFitContext(allocator, 1, setup)));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("validation_loss"), e.getMessage());
    }
}
