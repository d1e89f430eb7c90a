package dev.quiver.plugins.bayes;

import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Shortcuts the naive Bayes tests share. */
final class Fitting {

    static final NaiveBayesFactory FACTORY = new NaiveBayesFactory();

    private Fitting() {}

    static TableData iris() {
        return SimpleCsv.read(Datasets.path(Datasets.IRIS)).withBatchSize(32);
    }

    static TableData spam() {
        return SimpleCsv.read(Datasets.path(Datasets.SPAM)).withBatchSize(16);
    }

    static Trainer trainer(MapConfig config) {
        Trainer trainer = FACTORY.create(config, new TestContext());
        config.assertNoProblems();
        return trainer;
    }

    /** Fits on {@code table} with target {@code target}; the table is read in several batches. */
    static Model fit(MapConfig config, TableData table, String target, BufferAllocator allocator) {
        return trainer(config).fit(table.training(target), new TestFitContext(allocator));
    }

    /** The model's predictions for every row of {@code table}; the caller closes them. */
    static VectorSchemaRoot predict(Model model, TableData table, BufferAllocator allocator) {
        try (VectorSchemaRoot input = table.toRoot(allocator)) {
            return model.predict(input, allocator);
        }
    }
}
