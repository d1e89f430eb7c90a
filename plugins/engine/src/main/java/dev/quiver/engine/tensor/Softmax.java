package dev.quiver.engine.tensor;

/**
 * Softmax and log-softmax over the last axis, computed after subtracting each row's maximum so that
 * {@code exp} never overflows (and, for log-softmax, as {@code x - max - log(sum(exp(x - max)))}, exact even
 * where the probabilities underflow). Stateless.
 */
final class Softmax {

    private Softmax() {}

    static Tensor softmax(Tensor a, boolean log) {
        int width = a.dim(-1);
        int rows = a.size() / width;
        float[] x = a.data();
        float[] y = Workspace.buffer(a.size());
        for (int r = 0; r < rows; r++) {
            int off = r * width;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < width; j++) {
                max = Math.max(max, x[off + j]);
            }
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += Math.exp(x[off + j] - max);
            }
            if (log) {
                float logSum = (float) Math.log(sum);
                for (int j = 0; j < width; j++) {
                    y[off + j] = x[off + j] - max - logSum;
                }
            } else {
                for (int j = 0; j < width; j++) {
                    y[off + j] = (float) (Math.exp(x[off + j] - max) / sum);
                }
            }
        }
        return Tensor.result(
                y,
                a.shapeRef(),
                t -> {
                    float[] g = t.grad();
                    float[] ga = a.gradBuffer();
                    for (int r = 0; r < rows; r++) {
                        int off = r * width;
                        double dot = 0;
                        for (int j = 0; j < width; j++) {
                            dot += log ? g[off + j] : g[off + j] * y[off + j];
                        }
                        for (int j = 0; j < width; j++) {
                            ga[off + j] += log
                                    ? (float) (g[off + j] - Math.exp(y[off + j]) * dot)
                                    : (float) (y[off + j] * (g[off + j] - dot));
                        }
                    }
                },
                a);
    }
}
