package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.transform.Columns;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.SplitSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code split: none} the executor streams: the run's Arrow memory stays near one batch (through a
 * transform, too) however long the source is. With a split the source is held in memory once, as documented.
 */
class StreamingTest {

    private static final int BATCHES = 200;
    private static final int ROWS_PER_BATCH = 1000;
    /** Two float64 columns: 16 bytes per row. */
    private static final long DATA_BYTES = 16L * BATCHES * ROWS_PER_BATCH;

    @TempDir
    Path temp;

    @Test
    void splitNoneKeepsMemoryNearOneBatch() {
        PeakProbe probe = new PeakProbe();
        run(SplitSpec.NONE, probe);
        assertEquals((long) BATCHES * ROWS_PER_BATCH, probe.rows);
        assertTrue(probe.peak < DATA_BYTES / 20, "peak " + probe.peak + " bytes for " + DATA_BYTES + " of data");
    }

    @Test
    void aSplitHoldsTheDataInMemory() {
        PeakProbe probe = new PeakProbe();
        run(new SplitSpec(0.1, 0, false, 0), probe);
        assertEquals((long) BATCHES * ROWS_PER_BATCH * 9 / 10, probe.rows);
        assertTrue(probe.peak > DATA_BYTES / 2, "peak " + probe.peak);
    }

    private void run(SplitSpec split, PeakProbe probe) {
        new ExactExecutor()
                .run(
                        TestPipelines.pipeline(
                                new Generated(),
                                new Columns(List.of("area"), Optional.of("price")),
                                Task.REGRESSION,
                                split,
                                List.of(TestPipelines.center()),
                                new Named<>("probe", probe, Map.of()),
                                List.of(TestPipelines.mse()),
                                temp.resolve("run"),
                                0),
                        RunOptions.defaults());
    }

    /** Reads one pass and records the run's peak Arrow memory, then hands over to the mean model. */
    private static final class PeakProbe implements Trainer {
        long rows;
        long peak;

        @Override
        public Set<Task> tasks() {
            return Set.of(Task.REGRESSION);
        }

        @Override
        public Model fit(TrainingData data, FitContext context) {
            try (BatchReader reader = data.open(context.allocator())) {
                while (reader.loadNextBatch()) {
                    rows += reader.root().getRowCount();
                }
            }
            peak = context.allocator().getRoot().getPeakMemoryAllocation();
            return TestPipelines.mean(1).fit(data, context);
        }
    }

    /** area = i, price = 2i + 1, generated batch by batch: a source that is never whole in memory. */
    private static final class Generated implements Source {
        private static final Schema SCHEMA = new Schema(List.of(field("area"), field("price")));

        private static Field field(String name) {
            return new Field(
                    name, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null);
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public BatchReader open(BufferAllocator allocator) {
            VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
            return new BatchReader() {
                int batch;

                @Override
                public VectorSchemaRoot root() {
                    return root;
                }

                @Override
                public boolean loadNextBatch() {
                    if (batch == BATCHES) {
                        root.clear();
                        return false;
                    }
                    root.allocateNew();
                    Float8Vector area = (Float8Vector) root.getVector("area");
                    Float8Vector price = (Float8Vector) root.getVector("price");
                    for (int r = 0; r < ROWS_PER_BATCH; r++) {
                        double x = (double) batch * ROWS_PER_BATCH + r;
                        area.setSafe(r, x);
                        price.setSafe(r, 2 * x + 1);
                    }
                    root.setRowCount(ROWS_PER_BATCH);
                    batch++;
                    return true;
                }

                @Override
                public void close() {
                    root.close();
                }
            };
        }

        @Override
        public String describe() {
            return "generated";
        }
    }
}
