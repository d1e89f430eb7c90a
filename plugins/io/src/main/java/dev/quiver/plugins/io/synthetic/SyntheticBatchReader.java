package dev.quiver.plugins.io.synthetic;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One pass over a synthetic table, generating each batch into the one root it owns (allocated from the
 * allocator given to {@link SyntheticSource#open}). Not thread-safe.
 */
final class SyntheticBatchReader implements BatchReader {

    private static final long FEATURES = 2;
    private static final long NOISE = 3;

    private final SyntheticSpec spec;
    private final GroundTruth truth;
    private final VectorSchemaRoot root;
    private final Float8Vector[] features;
    private final BaseFixedWidthVector target;
    private final long featureStream;
    private final long noiseStream;
    private final double[] x;
    /** The batch's noise draws, {@code outputs} per row; drawn together because Gaussians come in pairs. */
    private final double[] noise;

    private long nextRow;
    private boolean closed;

    SyntheticBatchReader(SyntheticSpec spec, GroundTruth truth, Schema schema, BufferAllocator allocator) {
        this.spec = spec;
        this.truth = truth;
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.features = new Float8Vector[spec.features()];
        for (int j = 0; j < features.length; j++) {
            features[j] = (Float8Vector) root.getVector(j);
        }
        this.target = (BaseFixedWidthVector) root.getVector(SyntheticSource.TARGET);
        this.featureStream = CounterRandom.stream(spec.seed(), FEATURES);
        this.noiseStream = CounterRandom.stream(spec.seed(), NOISE);
        this.x = new double[spec.features()];
        this.noise = new double[spec.batchSize() * truth.outputs()];
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (closed) {
            throw new IllegalStateException("synthetic reader is closed");
        }
        int rows = (int) Math.min(spec.batchSize(), spec.rows() - nextRow);
        if (rows <= 0) {
            root.setRowCount(0);
            return false;
        }
        for (Float8Vector v : features) {
            prepare(v, rows);
        }
        prepare(target, rows);
        int outputs = truth.outputs();
        CounterRandom.gaussians(noiseStream, nextRow * outputs, noise, rows * outputs);
        for (int r = 0; r < rows; r++) {
            long row = nextRow + r;
            CounterRandom.gaussians(featureStream, row * x.length, x, x.length);
            for (int j = 0; j < x.length; j++) {
                features[j].set(r, x[j]);
            }
            writeTarget(r);
        }
        nextRow += rows;
        root.setRowCount(rows);
        return true;
    }

    private void writeTarget(int r) {
        double sigma = spec.noise();
        if (spec.task() == Task.REGRESSION) {
            ((Float8Vector) target).set(r, truth.score(0, x) + sigma * noise[r]);
            return;
        }
        int outputs = truth.outputs();
        if (outputs == 1) {
            double score = truth.score(0, x) + sigma * noise[r];
            ((BigIntVector) target).set(r, score > 0 ? 1 : 0);
            return;
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < outputs; k++) {
            double score = truth.score(k, x) + sigma * noise[r * outputs + k];
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        ((BigIntVector) target).set(r, best);
    }

    /** Reuses the buffers of the previous batch unless a consumer transferred them away. */
    private static void prepare(BaseFixedWidthVector v, int rows) {
        if (v.getValueCapacity() < rows) {
            v.allocateNew(rows);
        } else {
            v.reset();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            root.close();
        }
    }
}
