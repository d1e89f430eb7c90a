package dev.quiver.plugins.io.synthetic;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A generated table: columns {@code x0..x(d-1)} (float64, standard normal) and the target {@code y}, drawn from
 * a {@link GroundTruth} fixed by the seed.
 *
 * <ul>
 *   <li>regression: {@code y = w.x + b + noise * e} (float64);</li>
 *   <li>binary: {@code y = 1 if w.x + noise * e > 0, else 0} (int64);</li>
 *   <li>multiclass: {@code y = argmax_k (w_k.x + noise * e_k)} (int64).</li>
 * </ul>
 * Features are float64, like what the csv source reads, so a model sees the same types either way.
 *
 * <p>Row {@code i} is a function of (seed, {@code i}) only, not of the batch size or of earlier rows, so every
 * pass and every reader yields identical data in memory bounded by one batch. Immutable and thread-safe.
 */
final class SyntheticSource implements Source {

    static final String TARGET = "y";

    private final SyntheticSpec spec;
    private final GroundTruth truth;
    private final Schema schema;

    SyntheticSource(SyntheticSpec spec) {
        this.spec = spec;
        boolean classification = spec.task().isClassification();
        int outputs = spec.task() == Task.MULTICLASS ? spec.classes() : 1;
        this.truth = GroundTruth.from(spec.seed(), spec.features(), outputs, !classification);
        List<Field> fields = new ArrayList<>(spec.features() + 1);
        ArrowType float64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        for (int j = 0; j < spec.features(); j++) {
            fields.add(Field.nullable(featureName(j), float64));
        }
        fields.add(Field.nullable(TARGET, classification ? new ArrowType.Int(64, true) : float64));
        this.schema = new Schema(fields);
    }

    static String featureName(int j) {
        return "x" + j;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        return new SyntheticBatchReader(spec, truth, schema, allocator);
    }

    @Override
    public OptionalLong rowCount() {
        return OptionalLong.of(spec.rows());
    }

    @Override
    public String describe() {
        return "synthetic " + spec.task().label() + " data (" + spec.rows() + " rows, " + spec.features()
                + " features, seed " + spec.seed() + ")";
    }
}
