package dev.quiver.engine.train;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.engine.data.FloatBatches;
import dev.quiver.engine.data.Targets;
import dev.quiver.engine.tensor.Rng;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Cuts an epoch of training rows into mini-batches, in one of two ways:
 *
 * <ul>
 *   <li>in memory (shuffle over all rows, or {@code batchSize: full}): the rows are read once into float arrays
 *       and each epoch visits a fresh permutation;
 *   <li>streaming ({@code shuffle: false}, or a bounded {@code shuffleBuffer}): each epoch re-reads the data
 *       batch by batch, optionally through a shuffle buffer, so memory stays bounded by the buffer whatever
 *       the data's size.
 * </ul>
 *
 * <p>The order of an epoch depends only on the seed and the epoch number, so a resumed run sees exactly the
 * batches an uninterrupted one would. Batch arrays are reused from step to step: a consumer must not keep them.
 * Confined to the training thread.
 */
final class Minibatches {

    /** One optimizer step's rows. */
    @FunctionalInterface
    interface Step {
        void accept(float[] features, float[] targets, int rows);
    }

    private final TrainingData data;
    private final Targets targets;
    private final BufferAllocator allocator;
    private final int p;
    private final int width;
    private final int batchSize;
    private final boolean shuffle;
    private final int shuffleBuffer;
    private final long seed;

    private float[] allX;
    private float[] allY;
    private int rows;
    private int[] order;
    private float[] batchX;
    private float[] batchY;

    Minibatches(TrainingData data, Targets targets, TrainingSetup options, long seed, BufferAllocator allocator) {
        this.data = data;
        this.targets = targets;
        this.allocator = allocator;
        this.p = data.features().size();
        this.width = targets.width();
        this.batchSize = options.batchSize();
        this.shuffle = options.shuffle();
        this.shuffleBuffer = options.streams() ? (options.shuffle() ? options.shuffleBuffer() : 0) : -1;
        this.seed = seed;
    }

    /** Runs {@code step} on every mini-batch of epoch {@code epoch} (0-based); returns the rows seen. */
    long epoch(int epoch, Step step) {
        Rng random = Rng.derive(seed, "shuffle-" + epoch);
        return shuffleBuffer < 0 ? inMemory(random, step) : streaming(random, step);
    }

    private long inMemory(Rng random, Step step) {
        if (allX == null) {
            load();
        }
        int size = batchSize == 0 ? rows : Math.min(batchSize, rows);
        if (!shuffle && size == rows) {
            step.accept(allX, allY, rows);
            return rows;
        }
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        if (shuffle) {
            random.shuffle(order, rows);
        }
        if (batchX == null) {
            batchX = new float[size * p];
            batchY = new float[size * width];
        }
        for (int start = 0; start < rows; start += size) {
            int n = Math.min(size, rows - start);
            for (int r = 0; r < n; r++) {
                int src = order[start + r];
                System.arraycopy(allX, src * p, batchX, r * p, p);
                System.arraycopy(allY, src * width, batchY, r * width, width);
            }
            step.accept(batchX, batchY, n);
        }
        return rows;
    }

    private void load() {
        long known = Math.max(1, data.rows().orElse(1024));
        checkFitsInMemory(known);
        float[][] x = {new float[(int) known * p]};
        float[][] y = {new float[(int) known * width]};
        int[] count = {0};
        FloatBatches.forEach(data, targets, allocator, (bx, by, n) -> {
            if ((long) (count[0] + n) * p > x[0].length || (long) (count[0] + n) * width > y[0].length) {
                long capacity = Math.max(2L * (count[0] + n), 1024);
                checkFitsInMemory(capacity);
                x[0] = Arrays.copyOf(x[0], (int) capacity * p);
                y[0] = Arrays.copyOf(y[0], (int) capacity * width);
            }
            System.arraycopy(bx, 0, x[0], count[0] * p, n * p);
            System.arraycopy(by, 0, y[0], count[0] * width, n * width);
            count[0] += n;
        });
        allX = x[0];
        allY = y[0];
        rows = count[0];
        order = new int[rows];
    }

    /** Rows beyond one Java array's reach fail with advice, not with an overflowed (negative) array size. */
    private void checkFitsInMemory(long rowCapacity) {
        if (rowCapacity * Math.max(p, width) > Integer.MAX_VALUE - 8) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "The training data has too many rows (" + rowCapacity
                            + " x " + Math.max(p, width) + " values) to shuffle in memory; set training.shuffleBuffer"
                            + " (e.g. 100000) to shuffle while streaming instead.");
        }
    }

    private long streaming(Rng random, Step step) {
        int size = batchSize;
        if (batchX == null) {
            batchX = new float[size * p];
            batchY = new float[size * width];
        }
        Stream stream = new Stream(step, size, random);
        long seen = FloatBatches.forEach(data, targets, allocator, (bx, by, n) -> {
            for (int r = 0; r < n; r++) {
                stream.push(bx, r * p, by, r * width);
            }
        });
        stream.finish();
        return seen;
    }

    /** Rows on their way to a batch, through the shuffle buffer when there is one. */
    private final class Stream {
        private final Step step;
        private final int size;
        private final Rng random;
        private final float[] bufferX;
        private final float[] bufferY;
        private int buffered;
        private int inBatch;

        Stream(Step step, int size, Rng random) {
            this.step = step;
            this.size = size;
            this.random = random;
            this.bufferX = new float[Math.max(0, shuffleBuffer) * p];
            this.bufferY = new float[Math.max(0, shuffleBuffer) * width];
        }

        void push(float[] x, int xOff, float[] y, int yOff) {
            if (shuffleBuffer == 0) {
                emit(x, xOff, y, yOff);
            } else if (buffered < shuffleBuffer) {
                System.arraycopy(x, xOff, bufferX, buffered * p, p);
                System.arraycopy(y, yOff, bufferY, buffered * width, width);
                buffered++;
            } else {
                // Emit a random buffered row and let the new one take its place.
                int j = random.nextInt(shuffleBuffer);
                emit(bufferX, j * p, bufferY, j * width);
                System.arraycopy(x, xOff, bufferX, j * p, p);
                System.arraycopy(y, yOff, bufferY, j * width, width);
            }
        }

        void finish() {
            int[] rest = new int[buffered];
            for (int i = 0; i < buffered; i++) {
                rest[i] = i;
            }
            random.shuffle(rest, buffered);
            for (int j : rest) {
                emit(bufferX, j * p, bufferY, j * width);
            }
            if (inBatch > 0) {
                step.accept(batchX, batchY, inBatch);
                inBatch = 0;
            }
        }

        private void emit(float[] x, int xOff, float[] y, int yOff) {
            System.arraycopy(x, xOff, batchX, inBatch * p, p);
            System.arraycopy(y, yOff, batchY, inBatch * width, width);
            if (++inBatch == size) {
                step.accept(batchX, batchY, size);
                inBatch = 0;
            }
        }
    }
}
