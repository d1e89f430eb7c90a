package dev.quiver.plugins.io.synthetic;

/**
 * Random numbers addressed by position rather than drawn in sequence: the {@code i}-th number of a stream is a
 * pure function of (stream key, {@code i}), so any row of a synthetic table can be generated without generating
 * the rows before it, by any batch size, on any pass.
 *
 * <p>The mixing is SplitMix64's finalizer applied to {@code key + i * golden gamma}, which is exactly how
 * SplitMix64 produces its sequence; Gaussians use Box-Muller with {@link StrictMath} so the values are
 * bit-identical on every JVM and platform. Stateless and thread-safe.
 */
final class CounterRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2 * Math.PI;

    private CounterRandom() {
    }

    /** The key of the stream named {@code label} derived from {@code seed}: different labels, unrelated streams. */
    static long stream(long seed, long label) {
        return mix(mix(seed) ^ mix(label + GOLDEN_GAMMA));
    }

    /** A uniform double in (0, 1]: never 0, so that its logarithm is finite. */
    static double uniform(long stream, long index) {
        return ((mix(stream + (index + 1) * GOLDEN_GAMMA) >>> 11) + 1) * 0x1.0p-53;
    }

    /** A standard normal number: the first Box-Muller value of uniforms {@code 2i} and {@code 2i + 1}. */
    static double gaussian(long stream, long index) {
        double u1 = uniform(stream, 2 * index);
        double u2 = uniform(stream, 2 * index + 1);
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
