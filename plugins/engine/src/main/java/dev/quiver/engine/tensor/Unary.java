package dev.quiver.engine.tensor;

/**
 * Element-wise functions of one tensor. Each op is one enum constant holding its forward pass and, next to it,
 * its local derivative; {@link #apply} runs the one and records the other for the backward pass. Stateless.
 */
final class Unary {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    /**
     * One element-wise function: {@code forward} writes {@code y = f(x)}, and {@code backward}, beside it, adds
     * the input's share {@code g * f'(x)} of the output's gradient {@code g} to {@code ga}, from {@code x} or
     * {@code y} (whichever the derivative is cheaper from). {@code s} is LEAKY_RELU's negative slope, ignored by
     * the others. Each op runs its own loops, so that the JIT compiles each function inline into a tight loop
     * (one shared loop calling the op per element would be a call it cannot inline, several times slower).
     */
    enum Op {
        EXP {
            @Override
            void forward(float[] x, float[] y, int n, float s) {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.exp(x[i]);
                }
            }

            @Override
            void backward(float[] g, float[] x, float[] y, float[] ga, int n, float s) {
                for (int i = 0; i < n; i++) {
                    ga[i] += g[i] * y[i];
                }
            }
        },
        LOG {
            @Override
            void forward(float[] x, float[] y, int n, float s) {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.log(x[i]);
                }
            }

            @Override
            void backward(float[] g, float[] x, float[] y, float[] ga, int n, float s) {
                for (int i = 0; i < n; i++) {
                    ga[i] += g[i] / x[i];
                }
            }
        },
        RELU {
            @Override
            void forward(float[] x, float[] y, int n, float s) {
                for (int i = 0; i < n; i++) {
                    y[i] = Math.max(x[i], 0f);
                }
            }

            @Override
            void backward(float[] g, float[] x, float[] y, float[] ga, int n, float s) {
                for (int i = 0; i < n; i++) {
                    ga[i] += x[i] > 0 ? g[i] : 0f;
                }
            }
        },
        LEAKY_RELU {
            @Override
            void forward(float[] x, float[] y, int n, float s) {
                for (int i = 0; i < n; i++) {
                    y[i] = x[i] > 0 ? x[i] : s * x[i];
                }
            }

            @Override
            void backward(float[] g, float[] x, float[] y, float[] ga, int n, float s) {
                for (int i = 0; i < n; i++) {
                    ga[i] += x[i] > 0 ? g[i] : s * g[i];
                }
            }
        },
        SIGMOID {
            @Override
            void forward(float[] x, float[] y, int n, float s) {
                for (int i = 0; i < n; i++) {
                    y[i] = sigmoid(x[i]);
                }
            }

            @Override
            void backward(float[] g, float[] x, float[] y, float[] ga, int n, float s) {
                for (int i = 0; i < n; i++) {
                    ga[i] += g[i] * y[i] * (1f - y[i]);
                }
            }
        },
        TANH {
            @Override
            void forward(float[] x, float[] y, int n, float s) {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.tanh(x[i]);
                }
            }

            @Override
            void backward(float[] g, float[] x, float[] y, float[] ga, int n, float s) {
                for (int i = 0; i < n; i++) {
                    ga[i] += g[i] * (1f - y[i] * y[i]);
                }
            }
        },
        /** The exact erf form, PyTorch's default ({@code approximate='none'}), computed in double. */
        GELU {
            @Override
            void forward(float[] x, float[] y, int n, float s) {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) (0.5 * x[i] * erfc(-x[i] * INV_SQRT2));
                }
            }

            @Override
            void backward(float[] g, float[] x, float[] y, float[] ga, int n, float s) {
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    double cdf = 0.5 * erfc(-v * INV_SQRT2);
                    ga[i] += (float) (g[i] * (cdf + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v)));
                }
            }
        };

        abstract void forward(float[] x, float[] y, int n, float s);

        abstract void backward(float[] g, float[] x, float[] y, float[] ga, int n, float s);
    }

    private Unary() {}

    static Tensor apply(Op op, Tensor a, float slope) {
        int n = a.size();
        float[] x = a.data();
        float[] y = Workspace.buffer(n);
        op.forward(x, y, n, slope);
        return Tensor.result(y, a.shapeRef(), t -> op.backward(t.grad(), x, y, a.gradBuffer(), n, slope), a);
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
        double r = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
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
        return Tensor.result(
                y,
                a.shapeRef(),
                t -> {
                    float[] g = t.grad();
                    float[] ga = a.gradBuffer();
                    for (int i = 0; i < n; i++) {
                        ga[i] += g[i] * mask[i];
                    }
                },
                a);
    }
}
