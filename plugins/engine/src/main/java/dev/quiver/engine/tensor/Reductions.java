package dev.quiver.engine.tensor;

import java.util.Arrays;

/** Sums and means, over everything or one axis; accumulated in double so long sums stay exact. Stateless. */
final class Reductions {

    private Reductions() {}

    static Tensor sum(Tensor a) {
        return all(a, false);
    }

    static Tensor mean(Tensor a) {
        return all(a, true);
    }

    private static Tensor all(Tensor a, boolean mean) {
        float[] x = a.data();
        int n = a.size();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        float scale = mean ? 1f / n : 1f;
        float[] out = Workspace.buffer(1);
        out[0] = (float) (s * scale);
        return Tensor.result(
                out,
                new int[0],
                t -> {
                    float g = t.grad()[0] * scale;
                    float[] ga = a.gradBuffer();
                    for (int i = 0; i < n; i++) {
                        ga[i] += g;
                    }
                },
                a);
    }

    static Tensor sum(Tensor a, int axis, boolean keepDim, boolean mean) {
        int[] shape = a.shapeRef();
        int ax = axis < 0 ? shape.length + axis : axis;
        if (ax < 0 || ax >= shape.length) {
            throw new IllegalArgumentException("no axis " + axis + " in " + a);
        }
        int outer = 1, inner = 1, n = shape[ax];
        for (int d = 0; d < ax; d++) {
            outer *= shape[d];
        }
        for (int d = ax + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int[] outShape;
        if (keepDim) {
            outShape = shape.clone();
            outShape[ax] = 1;
        } else {
            outShape = new int[shape.length - 1];
            for (int d = 0, k = 0; d < shape.length; d++) {
                if (d != ax) {
                    outShape[k++] = shape[d];
                }
            }
        }
        float scale = mean ? 1f / n : 1f;
        float[] x = a.data();
        float[] out = Workspace.buffer(outer * inner);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double s = 0;
                for (int r = 0, p = o * n * inner + i; r < n; r++, p += inner) {
                    s += x[p];
                }
                out[o * inner + i] = (float) (s * scale);
            }
        }
        final int fOuter = outer, fInner = inner;
        return Tensor.result(
                out,
                Arrays.copyOf(outShape, outShape.length),
                t -> {
                    float[] g = t.grad();
                    float[] ga = a.gradBuffer();
                    for (int o = 0; o < fOuter; o++) {
                        for (int i = 0; i < fInner; i++) {
                            float go = g[o * fInner + i] * scale;
                            for (int r = 0, p = o * n * fInner + i; r < n; r++, p += fInner) {
                                ga[p] += go;
                            }
                        }
                    }
                },
                a);
    }
}
