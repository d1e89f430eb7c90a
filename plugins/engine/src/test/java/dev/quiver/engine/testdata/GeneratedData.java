package dev.quiver.engine.testdata;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.TrainingData;
import dev.quiver.engine.tensor.Rng;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A binary data set that is never stored: each pass regenerates its rows from a seed, batch by batch, the way a
 * file larger than the heap is streamed. Label 1 when {@code x0 + x1 > 0}. Counts passes; does not say its size.
 */
public final class GeneratedData implements TrainingData {

    private final long rows;
    private final int batch;
    public final AtomicInteger passes = new AtomicInteger();

    public GeneratedData(long rows, int batch) {
        this.rows = rows;
        this.batch = batch;
    }

    @Override
    public Schema schema() {
        ArrowType f64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        return new Schema(List.of(
                new Field("x0", FieldType.nullable(f64), null),
                new Field("x1", FieldType.nullable(f64), null),
                target().orElseThrow()));
    }

    @Override
    public List<String> features() {
        return List.of("x0", "x1");
    }

    @Override
    public Optional<Field> target() {
        return Optional.of(new Field("y", FieldType.nullable(new ArrowType.Int(64, true)), null));
    }

    @Override
    public Task task() {
        return Task.BINARY;
    }

    @Override
    public List<String> classes() {
        return List.of("0", "1");
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.empty();
    }

    @Override
    public Optional<TrainingData> validation() {
        return Optional.empty();
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        passes.incrementAndGet();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
        Rng random = new Rng(99);
        return new BatchReader() {
            long done;

            @Override
            public VectorSchemaRoot root() {
                return root;
            }

            @Override
            public boolean loadNextBatch() {
                int n = (int) Math.min(batch, rows - done);
                if (n <= 0) {
                    root.setRowCount(0);
                    return false;
                }
                root.allocateNew();
                Float8Vector x0 = (Float8Vector) root.getVector(0);
                Float8Vector x1 = (Float8Vector) root.getVector(1);
                BigIntVector y = (BigIntVector) root.getVector(2);
                for (int r = 0; r < n; r++) {
                    double a = random.nextGaussian();
                    double b = random.nextGaussian();
                    x0.setSafe(r, a);
                    x1.setSafe(r, b);
                    y.setSafe(r, a + b > 0 ? 1 : 0);
                }
                root.setRowCount(n);
                done += n;
                return true;
            }

            @Override
            public void close() {
                root.close();
            }
        };
    }
}
