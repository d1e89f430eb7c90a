package dev.quiver.engine.tensor;

import java.util.Arrays;

/** Ops that move values without computing on them: reshape, transpose, concat, embedding lookup. Stateless. */
final class Shapes {

    private Shapes() {}

    static Tensor reshape(Tensor a, int[] shape) {
        if (Tensor.sizeOf(shape) != a.size()) {
            throw new IllegalArgumentException("cannot reshape " + a + " to " + Arrays.toString(shape));
        }
        // Row-major order is unchanged, so the data is shared and the gradient passes through as is.
        return Tensor.result(
                a.data(),
                shape,
                t -> {
                    float[] g = t.grad();
                    float[] ga = a.gradBuffer();
                    for (int i = 0, n = a.size(); i < n; i++) {
                        ga[i] += g[i];
                    }
                },
                a);
    }

    static Tensor transpose(Tensor a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("transpose needs a matrix, got " + a);
        }
        int rows = a.dim(0), cols = a.dim(1);
        float[] y = Workspace.buffer(a.size());
        dev.quiver.engine.kernel.Matmul.transpose(a.data(), y, rows, cols);
        return Tensor.result(
                y,
                new int[] {cols, rows},
                t -> {
                    float[] g = t.grad();
                    float[] ga = a.gradBuffer();
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            ga[r * cols + c] += g[c * rows + r];
                        }
                    }
                },
                a);
    }

    static Tensor concat(int axis, Tensor... parts) {
        int[] shape = parts[0].shape();
        int ax = axis < 0 ? shape.length + axis : axis;
        int total = 0;
        for (Tensor p : parts) {
            int[] s = p.shapeRef();
            boolean fits = s.length == shape.length;
            for (int d = 0; fits && d < shape.length; d++) {
                fits = d == ax || s[d] == shape[d];
            }
            if (!fits) {
                throw new IllegalArgumentException(
                        "cannot concatenate " + p + " with " + parts[0] + " along axis " + axis);
            }
            total += s[ax];
        }
        shape[ax] = total;
        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) {
            outer *= shape[d];
        }
        for (int d = ax + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        float[] y = Workspace.buffer(Tensor.sizeOf(shape));
        int rowWidth = total * inner;
        int start = 0;
        int[] starts = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            int w = parts[k].dim(ax) * inner;
            starts[k] = start;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(parts[k].data(), o * w, y, o * rowWidth + start, w);
            }
            start += w;
        }
        final int fOuter = outer, fInner = inner;
        return Tensor.result(
                y,
                shape,
                t -> {
                    float[] g = t.grad();
                    for (int k = 0; k < parts.length; k++) {
                        if (!parts[k].requiresGrad()) {
                            continue;
                        }
                        int w = parts[k].dim(ax) * fInner;
                        float[] gp = parts[k].gradBuffer();
                        for (int o = 0; o < fOuter; o++) {
                            for (int j = 0; j < w; j++) {
                                gp[o * w + j] += g[o * rowWidth + starts[k] + j];
                            }
                        }
                    }
                },
                parts);
    }

    static Tensor embedding(Tensor table, int[] indices) {
        if (table.rank() != 2) {
            throw new IllegalArgumentException("an embedding table is a matrix, got " + table);
        }
        int vocabulary = table.dim(0), width = table.dim(1);
        float[] y = Workspace.buffer(indices.length * width);
        for (int i = 0; i < indices.length; i++) {
            int idx = indices[i];
            if (idx < 0 || idx >= vocabulary) {
                throw new IndexOutOfBoundsException("index " + idx + " outside the table's " + vocabulary + " rows");
            }
            System.arraycopy(table.data(), idx * width, y, i * width, width);
        }
        int[] copy = indices.clone();
        return Tensor.result(
                y,
                new int[] {indices.length, width},
                t -> {
                    float[] g = t.grad();
                    float[] gt = table.gradBuffer();
                    for (int i = 0; i < copy.length; i++) {
                        int row = copy[i] * width;
                        for (int j = 0; j < width; j++) {
                            gt[row + j] += g[i * width + j];
                        }
                    }
                },
                table);
    }
}
