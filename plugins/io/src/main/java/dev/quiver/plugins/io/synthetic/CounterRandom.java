package dev.quiver.plugins.io.synthetic;

/**
 * Random numbers addressed by position rather than drawn in sequence: the {@code i}-th number of a stream is a
 * pure function of (stream key, {@code i}), so any cell of a synthetic table can be generated without generating
 * the cells before it, in any order, by any batch size, on any pass.
 *
 * <p>The bits of position {@code i} are SplitMix64's finalizer applied to {@code key + (i + 1) * golden gamma},
 * which is exactly how SplitMix64 produces its sequence. Gaussians use Marsaglia and Tsang's ziggurat with 256
 * layers (tables as in Doornik, "An improved ziggurat method", 2005): one 64-bit hash gives the layer (its low 8
 * bits) and a signed 53-bit uniform (its high bits), and about 98.8% of values are one multiply and one compare
 * away. The rare rest (the wedges and the tail beyond {@link #R}) draw more numbers from a sub-stream of their own
 * position, so a rejection never shifts another position's value. Java arithmetic is strict, and the tables and
 * slow paths use {@link StrictMath}, which is specified bit for bit, so the values are identical on every JVM and
 * platform. Stateless and thread-safe.
 */
final class CounterRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** Distinguishes a position's slow-path sub-stream from every main-path key. */
    private static final long SLOW_PATH_SALT = 0xD6E8FEB86659FD93L;

    private static final int LAYERS = 256;
    /** Below this the bounds of {@link #underDensity} are not worth computing (and t's sign is uncertain). */
    private static final double SQUEEZE_MIN_T = 1e-9;
    /** Far above the bounds' rounding error (about 1e-14; densities are at most 1), far below their gap. */
    private static final double SQUEEZE_SLACK = 1e-12;
    /** Where the base layer's tail begins. */
    private static final double R = 3.6541528853610088;
    /** The area of each layer (the base layer's includes the tail beyond R). */
    private static final double V = 0.00492867323399;

    /** Layer {@code i} spans {@code |x| < X[i]}; its part {@code |x| < X[i + 1]} lies wholly under the density. */
    private static final double[] X = new double[LAYERS + 1];
    /** The (unnormalised) density {@code exp(-x^2/2)} at {@code X[i]}. */
    private static final double[] F = new double[LAYERS + 1];

    static {
        X[0] = V / density(R);
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++) {
            X[i + 1] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i] + density(X[i])));
        }
        X[LAYERS] = 0;
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = density(X[i]);
        }
    }

    private CounterRandom() {}

    /** The key of the stream named {@code label} derived from {@code seed}: different labels, unrelated streams. */
    static long stream(long seed, long label) {
        return mix(mix(seed) ^ mix(label + GOLDEN_GAMMA));
    }

    /** A uniform double in (0, 1]. */
    static double uniform(long stream, long index) {
        return ((bits(stream, index) >>> 11) + 1) * 0x1.0p-53;
    }

    /** Standard normal number {@code index} (non-negative) of the stream. */
    static double gaussian(long stream, long index) {
        long bits = bits(stream, index);
        int layer = (int) bits & (LAYERS - 1);
        double x = signedUniform(bits) * X[layer];
        if (Math.abs(x) < X[layer + 1]) {
            return x;
        }
        return slowGaussian(bits, layer, x);
    }

    /**
     * Fills {@code out[0, count)} with the stream's standard normal numbers at positions {@code first},
     * {@code first + stride}, {@code first + 2 * stride}, ...: one column of a row-major table.
     */
    static void gaussians(long stream, long first, long stride, double[] out, int count) {
        long key = stream + (first + 1) * GOLDEN_GAMMA;
        long step = stride * GOLDEN_GAMMA;
        for (int i = 0; i < count; i++, key += step) {
            long bits = mix(key);
            int layer = (int) bits & (LAYERS - 1);
            double x = signedUniform(bits) * X[layer];
            out[i] = Math.abs(x) < X[layer + 1] ? x : slowGaussian(bits, layer, x);
        }
    }

    /** The wedges and the tail: retries draw from the sub-stream keyed by the position's own bits. */
    private static double slowGaussian(long firstBits, int firstLayer, double firstX) {
        long key = mix(firstBits ^ SLOW_PATH_SALT);
        long draw = 0;
        long bits = firstBits;
        int layer = firstLayer;
        double x = firstX;
        while (true) {
            if (layer == 0) {
                return tail(key, draw, x < 0);
            }
            if (underDensity(F[layer] + (F[layer + 1] - F[layer]) * uniform(key, draw++), x, layer)) {
                return x;
            }
            bits = bits(key, draw++);
            layer = (int) bits & (LAYERS - 1);
            x = signedUniform(bits) * X[layer];
            if (Math.abs(x) < X[layer + 1]) {
                return x;
            }
        }
    }

    /**
     * Whether {@code y < density(x)} for an {@code x} in the wedge of {@code layer} ({@code |x| >= X[layer + 1]}),
     * deciding most cases without {@link StrictMath#exp}, which cost a quarter of W2's generation time though only
     * one value in a hundred reaches it. With {@code t = (x² - X[layer + 1]²) / 2 >= 0} the density is
     * {@code F[layer + 1] * exp(-t)}, and {@code 1 - t <= exp(-t) <= 1 - t + t²/2}: a {@code y} below the lower
     * bound or above the upper one is decided by the bound. The slack keeps the rounding of the bounds (about
     * 1e-14 here) from ever deciding otherwise than the exact comparison, which decides the rest, so the values are
     * bit for bit those of comparing with {@code exp} every time.
     */
    private static boolean underDensity(double y, double x, int layer) {
        double edge = X[layer + 1];
        double t = 0.5 * (x * x - edge * edge);
        if (t > SQUEEZE_MIN_T) {
            double f = F[layer + 1];
            if (y < f * (1 - t) - SQUEEZE_SLACK) {
                return true;
            }
            if (y > f * (1 - t + 0.5 * t * t) + SQUEEZE_SLACK) {
                return false;
            }
        }
        return y < density(x);
    }

    /** Marsaglia's method for the tail beyond {@link #R}. */
    private static double tail(long key, long draw, boolean negative) {
        double x;
        double y;
        do {
            x = -StrictMath.log(uniform(key, draw++)) / R;
            y = -StrictMath.log(uniform(key, draw++));
        } while (2 * y < x * x);
        return negative ? -R - x : R + x;
    }

    /**
     * A uniform in [-1, 1) from the hash's high 52 bits, disjoint from the layer's low 8: they become the mantissa
     * of a double in [2, 4), which costs a bit-move where a long-to-double conversion would cost several cycles.
     */
    private static double signedUniform(long bits) {
        return Double.longBitsToDouble(0x4000000000000000L | (bits >>> 12)) - 3;
    }

    private static double density(double x) {
        return StrictMath.exp(-0.5 * x * x);
    }

    private static long bits(long stream, long index) {
        return mix(stream + (index + 1) * GOLDEN_GAMMA);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
