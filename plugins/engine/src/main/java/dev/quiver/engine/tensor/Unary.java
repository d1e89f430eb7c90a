package dev.quiver.engine.tensor;

/**
 * Element-wise functions of one tensor. Each op is one enum constant holding its forward value and, next to it,
 * its local derivative; {@link #apply} is the one loop that runs either. Stateless.
 */
final class Unary {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    @FunctionalInterface
    private interface Forward {
        float apply(float x, float s);
    }

    @FunctionalInterface
    private interface Backward {
        float apply(float g, float x, float y, float s);
    }

    /**
     * One element-wise function: its value {@code y = f(x)} and, beside it, the input's share {@code g * f'(x)} of
     * the output's gradient {@code g}, given both {@code x} and {@code y} (whichever the derivative is cheaper
     * from). {@code s} is LEAKY_RELU's negative slope, ignored by the others.
     */
    enum Op {
        EXP((x, s) -> (float) Math.exp(x),
                (g, x, y, s) -> g * y),
        LOG((x, s) -> (float) Math.log(x),
                (g, x, y, s) -> g / x),
        RELU((x, s) -> Math.max(x, 0f),
                (g, x, y, s) -> x > 0 ? g : 0f),
        LEAKY_RELU((x, s) -> x > 0 ? x : s * x,
                (g, x, y, s) -> x > 0 ? g : s * g),
        SIGMOID((x, s) -> sigmoid(x),
                (g, x, y, s) -> g * y * (1f - y)),
        TANH((x, s) -> (float) Math.tanh(x),
                (g, x, y, s) -> g * (1f - y * y)),
        /** The exact erf form, PyTorch's default ({@code approximate='none'}), computed in double. */
        GELU((x, s) -> (float) (0.5 * x * erfc(-x * INV_SQRT2)),
                (g, x, y, s) -> (float) (g * (0.5 * erfc(-x * INV_SQRT2)
                        + x * INV_SQRT_2PI * Math.exp(-0.5 * (double) x * x))));

        private final Forward forward;
        private final Backward backward;

        Op(Forward forward, Backward backward) {
            this.forward = forward;
            this.backward = backward;
        }
    }

    private Unary() {
    }

    static Tensor apply(Op op, Tensor a, float slope) {
        int n = a.size();
        float[] x = a.data();
        float[] y = Workspace.buffer(n);
        for (int i = 0; i < n; i++) {
            y[i] = op.forward.apply(x[i], slope);
        }
        return Tensor.result(y, a.shapeRef(), t -> {
            float[] g = t.grad();
            float[] ga = a.gradBuffer();
            for (int i = 0; i < n; i++) {
                ga[i] += op.backward.apply(g[i], x[i], y[i], slope);
            }
        }, a);
    }

    static float sigmoid(float z) {
        // exp's argument stays non-positive on both branches, so it never overflows.
        if (z >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
    }

    /**
     * The complementary error function by the Chebyshev-fitted exponential of Press et al. (Numerical Recipes,
     * 6.2), relative error below 1.2e-7 everywhere: float32 precision, which is what GELU is computed to.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }

    static Tensor dropout(Tensor a, float p, Rng random, boolean training) {
        if (!training || p == 0f) {
            return a;
        }
        if (p < 0f || p >= 1f) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        int n = a.size();
        float keep = 1f / (1f - p);
        float[] mask = Workspace.buffer(n);
        float[] x = a.data();
        float[] y = Workspace.buffer(n);
        for (int i = 0; i < n; i++) {
            mask[i] = random.nextFloat() < p ? 0f : keep;
            y[i] = x[i] * mask[i];
        }
        return Tensor.result(y, a.shapeRef(), t -> {
            float[] g = t.grad();
            float[] ga = a.gradBuffer();
            for (int i = 0; i < n; i++) {
                ga[i] += g[i] * mask[i];
            }
        }, a);
    }
}
