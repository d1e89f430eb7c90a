package dev.quiver.plugins.io.synthetic;

/**
 * Random numbers addressed by position rather than drawn in sequence: the {@code i}-th number of a stream is a
 * pure function of (stream key, {@code i}), so any row of a synthetic table can be generated without generating
 * the rows before it, by any batch size, on any pass.
 *
 * <p>Uniforms are SplitMix64's finalizer applied to {@code key + i * golden gamma}, which is exactly how
 * SplitMix64 produces its sequence. Gaussians come in pairs from Marsaglia's polar method, each pair from its
 * own uniform sub-stream so that the rejection loop does not shift later positions; it needs one logarithm per
 * two values and no sine or cosine. Java arithmetic is strict and {@link StrictMath} is specified bit for bit,
 * so the values are identical on every JVM and platform. Stateless and thread-safe.
 */
final class CounterRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private CounterRandom() {}

    /** The key of the stream named {@code label} derived from {@code seed}: different labels, unrelated streams. */
    static long stream(long seed, long label) {
        return mix(mix(seed) ^ mix(label + GOLDEN_GAMMA));
    }

    /** A uniform double in (0, 1]. */
    static double uniform(long stream, long index) {
        return ((mix(stream + (index + 1) * GOLDEN_GAMMA) >>> 11) + 1) * 0x1.0p-53;
    }

    /** Standard normal number {@code index} (non-negative) of the stream. */
    static double gaussian(long stream, long index) {
        double[] pair = new double[2];
        gaussianPair(stream, index >>> 1, pair);
        return pair[(int) (index & 1)];
    }

    /** Fills {@code out[0, count)} with standard normal numbers {@code first, first + 1, ...} of the stream. */
    static void gaussians(long stream, long first, double[] out, int count) {
        double[] pair = new double[2];
        for (int i = 0; i < count; ) {
            long index = first + i;
            gaussianPair(stream, index >>> 1, pair);
            out[i++] = pair[(int) (index & 1)];
            if ((index & 1) == 0 && i < count) {
                out[i++] = pair[1];
            }
        }
    }

    /** Gaussians {@code 2 * pair} and {@code 2 * pair + 1}, into {@code out[0]} and {@code out[1]}. */
    private static void gaussianPair(long stream, long pair, double[] out) {
        long key = mix(stream + (pair + 1) * GOLDEN_GAMMA);
        for (long attempt = 0; ; attempt += 2) {
            double u = 2 * uniform(key, attempt) - 1;
            double v = 2 * uniform(key, attempt + 1) - 1;
            double s = u * u + v * v;
            if (s < 1 && s > 0) {
                double scale = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
                out[0] = u * scale;
                out[1] = v * scale;
                return;
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
