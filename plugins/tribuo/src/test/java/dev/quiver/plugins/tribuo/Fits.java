package dev.quiver.plugins.tribuo;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Test helpers: a recording {@link FitContext}, clustering data, and creating trainers from option maps. */
final class Fits {

    private Fits() {}

    /** A fit context over a test's allocator that records warnings. */
    static final class Context implements FitContext {
        private final BufferAllocator allocator;
        private final long seed;
        final List<String> warnings = new ArrayList<>();

        Context(BufferAllocator allocator, long seed) {
            this.allocator = allocator;
            this.seed = seed;
        }

        @Override
        public BufferAllocator allocator() {
            return allocator;
        }

        @Override
        public long seed() {
            return seed;
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    }

    /** Creates a trainer from a model mapping and fails on any recorded problem. */
    static Trainer trainer(Object... keysAndValues) {
        MapConfig config = MapConfig.of(keysAndValues);
        Trainer trainer = new TribuoModelFactory().create(config, new TestContext());
        config.assertNoProblems();
        return trainer;
    }

    static Model fit(Trainer trainer, TrainingData data, BufferAllocator allocator, long seed) {
        return trainer.fit(data, new Context(allocator, seed));
    }

    /** Every column of {@code table} as a clustering feature (no target). */
    static TrainingData clustering(TableData table) {
        return new TrainingData() {
            @Override
            public Schema schema() {
                return table.schema();
            }

            @Override
            public List<String> features() {
                return table.columnNames();
            }

            @Override
            public Optional<Field> target() {
                return Optional.empty();
            }

            @Override
            public Task task() {
                return Task.CLUSTERING;
            }

            @Override
            public List<String> classes() {
                return List.of();
            }

            @Override
            public OptionalLong rows() {
                return table.rowCount();
            }

            @Override
            public BatchReader open(BufferAllocator allocator) {
                return table.open(allocator);
            }

            @Override
            public Optional<TrainingData> validation() {
                return Optional.empty();
            }
        };
    }

    static PluginContext context() {
        return new TestContext();
    }
}
