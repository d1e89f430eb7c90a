package dev.quiver.serve;

import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.state.StateWriter;
import dev.quiver.runtime.bundle.FittedPipeline;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A test model that waits per batch, then predicts {@code 2 * x}: sleeping {@code millis} ({@link #pipeline}) is
 * what a slow model looks like to the server's timeouts and queue; held at a {@link Gate} ({@link #gated}) it lets
 * a test know exactly which predictions are in flight. Immutable; any thread.
 */
final class SlowDouble implements Model {

    private static final Field X = Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    private static final Field PREDICTION =
            Field.nullable(PredictionColumns.PREDICTION, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));

    /**
     * Where predictions wait until a test opens it: {@link #awaitEntered} returns once {@code count} predictions
     * are inside the model, and none of them ends before {@link #open}. Thread-safe.
     */
    static final class Gate {
        private final CountDownLatch entered;
        private final CountDownLatch opened = new CountDownLatch(1);

        Gate(int count) {
            entered = new CountDownLatch(count);
        }

        void awaitEntered() throws InterruptedException {
            if (!entered.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError(entered.getCount() + " predictions never reached the model");
            }
        }

        void open() {
            opened.countDown();
        }

        private void pass() throws InterruptedException {
            entered.countDown();
            opened.await();
        }
    }

    private final long millis;
    private final Gate gate;

    private SlowDouble(long millis, Gate gate) {
        this.millis = millis;
        this.gate = gate;
    }

    /** A regression pipeline over one float64 column {@code x} that sleeps {@code millis} per batch. */
    static FittedPipeline pipeline(long millis) {
        return pipeline(new SlowDouble(millis, null));
    }

    /** The same pipeline, whose predictions wait at {@code gate} instead of sleeping. */
    static FittedPipeline gated(Gate gate) {
        return pipeline(new SlowDouble(0, gate));
    }

    private static FittedPipeline pipeline(SlowDouble model) {
        return new FittedPipeline(
                "slow",
                new Schema(List.of(X)),
                List.of("x"),
                Optional.empty(),
                Task.REGRESSION,
                List.of(),
                List.of(),
                model);
    }

    @Override
    public String type() {
        return "slow-double";
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }

    @Override
    public List<String> features() {
        return List.of("x");
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    @Override
    public List<Field> predictionFields() {
        return List.of(PREDICTION);
    }

    @Override
    public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
        try {
            if (gate != null) {
                gate.pass();
            } else {
                Thread.sleep(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Float8Vector x = (Float8Vector) input.getVector("x");
        Float8Vector out = new Float8Vector(PREDICTION, allocator);
        out.allocateNew(input.getRowCount());
        for (int r = 0; r < input.getRowCount(); r++) {
            out.set(r, 2 * x.get(r));
        }
        out.setValueCount(input.getRowCount());
        return new VectorSchemaRoot(List.of(PREDICTION), List.of(out), input.getRowCount());
    }

    @Override
    public void save(StateWriter state) {
        throw new UnsupportedOperationException("a test model");
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("millis", millis);
    }
}
