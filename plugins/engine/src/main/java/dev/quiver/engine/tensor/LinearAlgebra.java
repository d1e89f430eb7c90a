package dev.quiver.engine.tensor;

import dev.quiver.engine.kernel.Affine;
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
        Affine.forward(x.data(), w.data(), bias.data(), out, n, k, m);
        return Tensor.result(
                out,
                new int[] {n, m},
                o -> {
                    backward(x, w, o, n, k, m);
                    if (bias.requiresGrad()) {
                        Affine.addBiasGradient(o.grad(), bias.gradBuffer(), n, m);
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
            Affine.weightGradient(a.data(), g, b.gradBuffer(), n, k, m, true);
        }
    }

    private static void checkMatrices(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(0)) {
            throw new IllegalArgumentException("cannot multiply " + a + " by " + b);
        }
    }
}
