package dev.quiver.engine.tensor;

import dev.quiver.engine.kernel.Matmul;

/** Matrix products and the dense layer, on the parallel {@link Matmul} kernels. Stateless. */
final class LinearAlgebra {

    private LinearAlgebra() {}

    static Tensor matmul(Tensor a, Tensor b) {
        checkMatrices(a, b);
        int n = a.dim(0), k = a.dim(1), m = b.dim(1);
        float[] out = Workspace.buffer(n * m);
        Matmul.nn(a.data(), b.data(), out, n, k, m, false);
        return Tensor.result(out, new int[] {n, m}, o -> backward(a, b, o, n, k, m), a, b);
    }

    static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        checkMatrices(x, w);
        int n = x.dim(0), k = x.dim(1), m = w.dim(1);
        if (bias.size() != m) {
            throw new IllegalArgumentException("bias of size " + bias.size() + " for " + m + " outputs");
        }
        float[] out = Workspace.buffer(n * m);
        float[] b = bias.data();
        if (m == 1) {
            java.util.Arrays.fill(out, 0, n, b[0]);
        } else {
            for (int i = 0; i < n; i++) {
                System.arraycopy(b, 0, out, i * m, m);
            }
        }
        Matmul.nn(x.data(), w.data(), out, n, k, m, true);
        return Tensor.result(
                out,
                new int[] {n, m},
                o -> {
                    backward(x, w, o, n, k, m);
                    if (bias.requiresGrad()) {
                        // Column sums in row order: one fixed summation order, so the result never depends on threads.
                        float[] g = o.grad();
                        float[] gb = bias.gradBuffer();
                        for (int i = 0; i < n; i++) {
                            int row = i * m;
                            for (int j = 0; j < m; j++) {
                                gb[j] += g[row + j];
                            }
                        }
                    }
                },
                x,
                w,
                bias);
    }

    /** {@code a · b^T} for {@code a [n, m]} and {@code b [k, m]}: logits from a table shared with an embedding. */
    static Tensor matmulTransposed(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(1)) {
            throw new IllegalArgumentException("cannot multiply " + a + " by the transpose of " + b);
        }
        int n = a.dim(0), m = a.dim(1), k = b.dim(0);
        float[] out = Workspace.buffer(n * k);
        Matmul.nt(a.data(), b.data(), out, n, m, k, false);
        return Tensor.result(
                out,
                new int[] {n, k},
                o -> {
                    float[] g = o.grad();
                    if (a.requiresGrad()) {
                        Matmul.nn(g, b.data(), a.gradBuffer(), n, k, m, true);
                    }
                    if (b.requiresGrad()) {
                        Matmul.tn(g, a.data(), b.gradBuffer(), n, k, m, true);
                    }
                },
                a,
                b);
    }

    private static void backward(Tensor a, Tensor b, Tensor out, int n, int k, int m) {
        float[] g = out.grad();
        if (a.requiresGrad()) {
            Matmul.nt(g, b.data(), a.gradBuffer(), n, m, k, true);
        }
        if (b.requiresGrad()) {
            Matmul.tn(a.data(), g, b.gradBuffer(), n, k, m, true);
        }
    }

    private static void checkMatrices(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(0)) {
            throw new IllegalArgumentException("cannot multiply " + a + " by " + b);
        }
    }
}
