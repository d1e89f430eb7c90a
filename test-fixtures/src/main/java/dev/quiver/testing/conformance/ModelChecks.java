package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.PluginContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestFitContext;
import dev.quiver.testing.TestTraining;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** What the regressor and clusterer kits share: fitting, predicting, reloading and the four-thread check. */
final class ModelChecks {

    private ModelChecks() {}

    static Model fit(
            ModelFactory factory,
            MapConfig config,
            PluginContext context,
            TrainingData data,
            Map<String, Object> training,
            BufferAllocator allocator) {
        Trainer trainer = factory.create(config, context);
        config.assertNoProblems();
        org.junit.jupiter.api.Assertions.assertTrue(
                trainer.tasks().contains(data.task()), "the kit's data is " + data.task());
        TrainingSetup setup =
                trainer.training().isPresent() ? TestTraining.setup(trainer, data.task(), training) : null;
        return trainer.fit(data, new TestFitContext(allocator, 7L, setup));
    }

    static List<List<Object>> predictions(Model model, TableData rows, BufferAllocator allocator) {
        try (VectorSchemaRoot input = rows.toRoot(allocator);
                VectorSchemaRoot output = model.predict(input, allocator)) {
            assertEquals(model.predictionFields(), output.getSchema().getFields());
            assertEquals(rows.rows(), output.getRowCount(), "one prediction per row");
            return BatchContent.rows(output);
        }
    }

    static Model reload(Model model, ModelFactory factory, PluginContext context) {
        MemoryState state = new MemoryState();
        model.save(state);
        Model reloaded = factory.load(state.reader(), context);
        assertEquals(model.type(), reloaded.type());
        assertEquals(model.task(), reloaded.task());
        assertEquals(model.features(), reloaded.features());
        assertEquals(model.predictionFields(), reloaded.predictionFields());
        return reloaded;
    }

    /** Runs {@code task} 40 times on four threads; each answer must equal {@code expected}. */
    static <T> void sameFromFourThreads(T expected, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(task));
            }
            for (Future<T> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
