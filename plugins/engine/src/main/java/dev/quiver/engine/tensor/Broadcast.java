package dev.quiver.engine.tensor;

import java.util.Arrays;

/**
 * Element-wise binary ops with NumPy broadcasting: shapes are aligned from the right and a dimension of 1 (or a
 * missing one) stretches to match. In the backward pass a broadcast input receives the sum of the gradients of
 * every output element it fed, accumulated in output order. Stateless.
 */
final class Broadcast {

    @FunctionalInterface
    private interface Forward {
        float apply(float u, float v);
    }

    @FunctionalInterface
    private interface Gradient {
        float apply(float g, float u, float v);
    }

    /**
     * One binary op: its value {@code u op v} and, beside it, each input's share of the output's gradient
     * {@code g} at that element.
     */
    enum Op {
        ADD((u, v) -> u + v, (g, u, v) -> g, (g, u, v) -> g),
        SUB((u, v) -> u - v, (g, u, v) -> g, (g, u, v) -> -g),
        MUL((u, v) -> u * v, (g, u, v) -> g * v, (g, u, v) -> g * u),
        DIV((u, v) -> u / v, (g, u, v) -> g / v, (g, u, v) -> -g * u / (v * v));

        private final Forward forward;
        private final Gradient gradU;
        private final Gradient gradV;

        Op(Forward forward, Gradient gradU, Gradient gradV) {
            this.forward = forward;
            this.gradU = gradU;
            this.gradV = gradV;
        }
    }

    private Broadcast() {
    }

    static Tensor apply(Op op, Tensor a, Tensor b) {
        int[] shape = shape(a.shapeRef(), b.shapeRef());
        int size = Tensor.sizeOf(shape);
        int[] ia = Arrays.equals(shape, a.shapeRef()) ? null : offsets(a.shapeRef(), shape, size);
        int[] ib = Arrays.equals(shape, b.shapeRef()) ? null : offsets(b.shapeRef(), shape, size);
        float[] x = a.data(), y = b.data();
        float[] out = Workspace.buffer(size);
        for (int o = 0; o < size; o++) {
            out[o] = op.forward.apply(x[ia == null ? o : ia[o]], y[ib == null ? o : ib[o]]);
        }
        return Tensor.result(out, shape, t -> {
            float[] g = t.grad();
            float[] ga = a.requiresGrad() ? a.gradBuffer() : null;
            float[] gb = b.requiresGrad() ? b.gradBuffer() : null;
            for (int o = 0; o < size; o++) {
                int pa = ia == null ? o : ia[o];
                int pb = ib == null ? o : ib[o];
                if (ga != null) {
                    ga[pa] += op.gradU.apply(g[o], x[pa], y[pb]);
                }
                if (gb != null) {
                    gb[pb] += op.gradV.apply(g[o], x[pa], y[pb]);
                }
            }
        }, a, b);
    }

    static int[] shape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int da = d - (rank - a.length) >= 0 ? a[d - (rank - a.length)] : 1;
            int db = d - (rank - b.length) >= 0 ? b[d - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[d] = Math.max(da, db);
        }
        return out;
    }

    /**
     * For each of the {@code size} elements of {@code out}, the offset of the element of {@code in} it reads; the
     * array comes from the workspace (it lives as long as the op's backward needs it) and may be longer.
     */
    private static int[] offsets(int[] in, int[] out, int size) {
        int rank = out.length;
        int[] stride = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int k = d - (rank - in.length);
            int dim = k >= 0 ? in[k] : 1;
            stride[d] = dim == 1 ? 0 : s;
            s *= dim;
        }
        int[] offsets = Workspace.indices(size);
        int[] index = new int[rank];
        int offset = 0;
        for (int o = 0; o < size; o++) {
            offsets[o] = offset;
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                offset += stride[d];
                if (index[d] < out[d]) {
                    break;
                }
                offset -= stride[d] * index[d];
                index[d] = 0;
            }
        }
        return offsets;
    }
}
