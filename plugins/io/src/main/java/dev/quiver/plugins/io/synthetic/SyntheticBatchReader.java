package dev.quiver.plugins.io.synthetic;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One pass over a synthetic table, generating each batch into the one root it owns (allocated from the
 * allocator given to {@link SyntheticSource#open}). Not thread-safe.
 *
 * <p>A batch is split into row ranges generated in parallel (on the common fork-join pool), and each range is made
 * column by column, as Arrow stores it: each feature column is generated into a scratch array,
 * written into its vector's data buffer in one loop (every cell is valid, so the validity bitmap is set in bulk),
 * and added into every output's scores while it is hot in cache. Those loops carry no dependence from one row to
 * the next, so the JIT vectorises them; cell {@code (row, j)} still comes from position {@code row * features + j}
 * of the feature stream, so the order of generation does not change the data.
 */
final class SyntheticBatchReader implements BatchReader {

    private static final long FEATURES = 2;
    private static final long NOISE = 3;
    /** Below this many rows a batch is generated on the calling thread: splitting costs more than it saves. */
    private static final int MIN_ROWS_PER_PART = 1024;
    /** Rows generated together: their scores for 10 outputs (20 KiB) and one feature column stay in L1. */
    private static final int ROW_TILE = 256;
    /** Feature columns added into the scores in one pass. */
    private static final int COLUMN_GROUP = 4;

    private static final int PARALLELISM = Runtime.getRuntime().availableProcessors();

    private final SyntheticSpec spec;
    private final GroundTruth truth;
    private final VectorSchemaRoot root;
    private final BaseFixedWidthVector[] features;
    private final BaseFixedWidthVector target;
    private final long featureStream;
    private final long noiseStream;
    /** {@code scores[k][r]}: output {@code k}'s noisy score for row {@code r} of the batch. */
    private final double[][] scores;

    private long nextRow;
    private boolean closed;

    SyntheticBatchReader(SyntheticSpec spec, GroundTruth truth, Schema schema, BufferAllocator allocator) {
        this.spec = spec;
        this.truth = truth;
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.features = new BaseFixedWidthVector[spec.features()];
        for (int j = 0; j < features.length; j++) {
            features[j] = (BaseFixedWidthVector) root.getVector(j);
        }
        this.target = (BaseFixedWidthVector) root.getVector(SyntheticSource.TARGET);
        this.featureStream = CounterRandom.stream(spec.seed(), FEATURES);
        this.noiseStream = CounterRandom.stream(spec.seed(), NOISE);
        this.scores = new double[truth.outputs()][spec.batchSize()];
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
        ArrowBuf[] data = new ArrowBuf[features.length];
        for (int j = 0; j < features.length; j++) {
            data[j] = prepare(features[j], rows);
        }
        int parts = Math.max(1, Math.min(PARALLELISM, rows / MIN_ROWS_PER_PART));
        if (parts == 1) {
            generate(data, 0, rows);
        } else {
            IntStream.range(0, parts).parallel().forEach(p -> generate(data, p * rows / parts, (p + 1) * rows / parts));
        }
        writeTarget(rows);
        nextRow += rows;
        root.setRowCount(rows);
        return true;
    }

    /**
     * Rows {@code [from, to)} of the batch, all columns: the cells of a row depend on nothing outside it, so
     * disjoint row ranges are generated on different threads into disjoint parts of the same buffers.
     */
    private void generate(ArrowBuf[] data, int from, int to) {
        double[][] columns = new double[COLUMN_GROUP][Math.min(ROW_TILE, to - from)];
        for (int tile = from; tile < to; tile += ROW_TILE) {
            generateTile(data, tile, Math.min(tile + ROW_TILE, to), columns);
        }
    }

    /**
     * Rows {@code [from, to)}, at most {@link #ROW_TILE} of them, in groups of {@link #COLUMN_GROUP} feature
     * columns: the group is generated, written, and added into every output's scores in one pass per output
     * (a pass per column and output made W2's ten outputs the generator's largest cost, loads and stores of the
     * scores). The additions keep their order, column by column, so the scores are bit for bit as before.
     */
    private void generateTile(ArrowBuf[] data, int from, int to, double[][] columns) {
        int rows = to - from;
        int outputs = truth.outputs();
        for (int k = 0; k < outputs; k++) {
            Arrays.fill(scores[k], from, to, truth.bias(k));
        }
        int width = features.length;
        for (int j = 0; j < width; j += COLUMN_GROUP) {
            int group = Math.min(COLUMN_GROUP, width - j);
            for (int g = 0; g < group; g++) {
                CounterRandom.gaussians(featureStream, (nextRow + from) * width + j + g, width, columns[g], rows);
                writeDoubles(data[j + g], from, columns[g], rows);
            }
            for (int k = 0; k < outputs; k++) {
                if (group == COLUMN_GROUP) {
                    addScaled4(scores[k], from, k, j, columns, rows);
                } else {
                    for (int g = 0; g < group; g++) {
                        addScaled(scores[k], from, truth.weight(k, j + g), columns[g], rows);
                    }
                }
            }
        }
        double[] column = columns[0];
        for (int k = 0; k < outputs; k++) {
            CounterRandom.gaussians(noiseStream, (nextRow + from) * outputs + k, outputs, column, rows);
            addScaled(scores[k], from, spec.noise(), column, rows);
        }
    }

    private void writeTarget(int rows) {
        if (spec.task() == Task.REGRESSION) {
            writeDoubles(prepare(target, rows), 0, scores[0], rows);
            return;
        }
        ArrowBuf data = prepare(target, rows);
        double[][] s = scores;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            if (s.length == 1) {
                best = s[0][r] > 0 ? 1 : 0;
            } else {
                for (int k = 1; k < s.length; k++) {
                    if (s[k][r] > s[best][r]) {
                        best = k;
                    }
                }
            }
            data.setLong((long) r * Long.BYTES, best);
        }
    }

    private static void addScaled(double[] into, int offset, double scale, double[] values, int rows) {
        for (int r = 0; r < rows; r++) {
            into[offset + r] += scale * values[r];
        }
    }

    /** Output {@code k}'s scores plus columns {@code j..j+3} times their weights, added one column after another. */
    private void addScaled4(double[] into, int offset, int k, int j, double[][] columns, int rows) {
        double w0 = truth.weight(k, j);
        double w1 = truth.weight(k, j + 1);
        double w2 = truth.weight(k, j + 2);
        double w3 = truth.weight(k, j + 3);
        double[] c0 = columns[0];
        double[] c1 = columns[1];
        double[] c2 = columns[2];
        double[] c3 = columns[3];
        for (int r = 0; r < rows; r++) {
            into[offset + r] = into[offset + r] + w0 * c0[r] + w1 * c1[r] + w2 * c2[r] + w3 * c3[r];
        }
    }

    /** One bulk copy (a bounds check per call, not per cell); Arrow buffers are in the platform's byte order. */
    private static void writeDoubles(ArrowBuf data, int offset, double[] values, int rows) {
        data.nioBuffer((long) offset * Double.BYTES, rows * Double.BYTES)
                .order(ByteOrder.nativeOrder())
                .asDoubleBuffer()
                .put(values, 0, rows);
    }

    /**
     * Makes room for {@code rows} valid cells, reusing the previous batch's buffers unless a consumer transferred
     * them away, and returns the data buffer to write them into.
     */
    private static ArrowBuf prepare(BaseFixedWidthVector vector, int rows) {
        if (vector.getValueCapacity() < rows) {
            vector.allocateNew(rows);
        }
        vector.getValidityBuffer().setOne(0L, (long) BitVectorHelper.getValidityBufferSize(rows));
        return vector.getDataBuffer();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            root.close();
        }
    }
}
