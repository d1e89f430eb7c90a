package dev.quiver.engine.tensor;

import java.util.Arrays;

/**
 * Element-wise binary ops with NumPy broadcasting: shapes are aligned from the right and a dimension of 1 (or a
 * missing one) stretches to match. In the backward pass a broadcast input receives the sum of the gradients of
 * every output element it fed, accumulated in output order. Stateless.
 */
final class Broadcast {

    /**
     * One binary op: {@code forward} writes {@code out = u op v} for every output element, and {@code backward},
     * beside it, adds each input's share of the output's gradient {@code g} (a null gradient buffer is an input
     * that needs none). {@code ia} and {@code ib} map an output element to the input element it reads (null: the
     * same offset). Each op runs its own loops so that the JIT compiles the arithmetic inline; a shared loop
     * calling the op per element could not inline the call and is several times slower.
     */
    enum Op {
        ADD {
            @Override
            void forward(float[] x, int[] ia, float[] y, int[] ib, float[] out, int n) {
                for (int o = 0; o < n; o++) {
                    out[o] = x[at(ia, o)] + y[at(ib, o)];
                }
            }

            @Override
            void backward(float[] g, float[] x, int[] ia, float[] y, int[] ib, float[] ga, float[] gb, int n) {
                for (int o = 0; o < n; o++) {
                    int pa = at(ia, o), pb = at(ib, o);
                    if (ga != null) {
                        ga[pa] += g[o];
                    }
                    if (gb != null) {
                        gb[pb] += g[o];
                    }
                }
            }
        },
        SUB {
            @Override
            void forward(float[] x, int[] ia, float[] y, int[] ib, float[] out, int n) {
                for (int o = 0; o < n; o++) {
                    out[o] = x[at(ia, o)] - y[at(ib, o)];
                }
            }

            @Override
            void backward(float[] g, float[] x, int[] ia, float[] y, int[] ib, float[] ga, float[] gb, int n) {
                for (int o = 0; o < n; o++) {
                    int pa = at(ia, o), pb = at(ib, o);
                    if (ga != null) {
                        ga[pa] += g[o];
                    }
                    if (gb != null) {
                        gb[pb] += -g[o];
                    }
                }
            }
        },
        MUL {
            @Override
            void forward(float[] x, int[] ia, float[] y, int[] ib, float[] out, int n) {
                for (int o = 0; o < n; o++) {
                    out[o] = x[at(ia, o)] * y[at(ib, o)];
                }
            }

            @Override
            void backward(float[] g, float[] x, int[] ia, float[] y, int[] ib, float[] ga, float[] gb, int n) {
                for (int o = 0; o < n; o++) {
                    int pa = at(ia, o), pb = at(ib, o);
                    if (ga != null) {
                        ga[pa] += g[o] * y[pb];
                    }
                    if (gb != null) {
                        gb[pb] += g[o] * x[pa];
                    }
                }
            }
        },
        DIV {
            @Override
            void forward(float[] x, int[] ia, float[] y, int[] ib, float[] out, int n) {
                for (int o = 0; o < n; o++) {
                    out[o] = x[at(ia, o)] / y[at(ib, o)];
                }
            }

            @Override
            void backward(float[] g, float[] x, int[] ia, float[] y, int[] ib, float[] ga, float[] gb, int n) {
                for (int o = 0; o < n; o++) {
                    int pa = at(ia, o), pb = at(ib, o);
                    if (ga != null) {
                        ga[pa] += g[o] / y[pb];
                    }
                    if (gb != null) {
                        gb[pb] += -g[o] * x[pa] / (y[pb] * y[pb]);
                    }
                }
            }
        };

        abstract void forward(float[] x, int[] ia, float[] y, int[] ib, float[] out, int n);

        abstract void backward(float[] g, float[] x, int[] ia, float[] y, int[] ib, float[] ga, float[] gb, int n);

        /** The input offset output element {@code o} reads. */
        private static int at(int[] offsets, int o) {
            return offsets == null ? o : offsets[o];
        }
    }

    private Broadcast() {}

    static Tensor apply(Op op, Tensor a, Tensor b) {
        int[] shape = shape(a.shapeRef(), b.shapeRef());
        int size = Tensor.sizeOf(shape);
        int[] ia = Arrays.equals(shape, a.shapeRef()) ? null : offsets(a.shapeRef(), shape, size);
        int[] ib = Arrays.equals(shape, b.shapeRef()) ? null : offsets(b.shapeRef(), shape, size);
        float[] x = a.data(), y = b.data();
        float[] out = Workspace.buffer(size);
        op.forward(x, ia, y, ib, out, size);
        return Tensor.result(
                out,
                shape,
                t -> op.backward(
                        t.grad(),
                        x,
                        ia,
                        y,
                        ib,
                        a.requiresGrad() ? a.gradBuffer() : null,
                        b.requiresGrad() ? b.gradBuffer() : null,
                        size),
                a,
                b);
    }

    static int[] shape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int da = d - (rank - a.length) >= 0 ? a[d - (rank - a.length)] : 1;
            int db = d - (rank - b.length) >= 0 ? b[d - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(
                        "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
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
