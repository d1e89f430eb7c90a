package dev.quiver.spark.internal;

import dev.quiver.spark.FeatureBlock;
import java.util.SplittableRandom;

/**
 * One mini-batch step's rows of one block: each row is taken with probability {@code batch / rows} from a
 * generator seeded by the run's seed, the step and the block's place (partition, index), so a step's batch does not
 * depend on which executor computes it and a rerun samples the same rows. The expected batch over all partitions
 * is {@code batch} rows; the gradient computed is that of the rows drawn. Stateless.
 */
public final class BatchSample {

    private BatchSample() {}

    /** The sampled rows of {@code block} as a block of their own (possibly empty). */
    public static FeatureBlock of(
            FeatureBlock block, double probability, long seed, long step, int partition, int index) {
        if (probability >= 1) {
            return block;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, step, partition, index));
        int width = block.width();
        int[] taken = new int[block.rows()];
        int n = 0;
        for (int r = 0; r < block.rows(); r++) {
            if (random.nextDouble() < probability) {
                taken[n++] = r;
            }
        }
        double[] x = new double[n * width];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(block.features(), taken[i] * width, x, i * width, width);
            y[i] = block.target()[taken[i]];
        }
        return new FeatureBlock(n, width, x, y);
    }

    /** A 64-bit seed from the four numbers (SplitMix64's finalizer over a running combination). */
    static long mix(long seed, long step, int partition, int index) {
        long h = seed;
        for (long v : new long[] {step, partition, index}) {
            h = (h ^ v) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
