package dev.quiver.engine.tensor;

/**
 * Layer normalisation over the last axis with a learned scale and shift, as {@code torch.nn.LayerNorm}: the
 * biased variance, {@code eps} inside the square root. Mean and variance are accumulated in double. Stateless.
 */
final class Norms {

    private Norms() {}

    static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int width = x.dim(-1);
        if (gamma.size() != width || beta.size() != width) {
            throw new IllegalArgumentException(
                    "layer norm of width " + width + " with scale " + gamma + " and shift " + beta);
        }
        int rows = x.size() / width;
        float[] a = x.data();
        float[] g = gamma.data();
        float[] b = beta.data();
        float[] y = Workspace.buffer(x.size());
        // The normalised values and each row's 1/sigma are what the backward pass needs.
        float[] xhat = Workspace.buffer(x.size());
        float[] inv = Workspace.buffer(rows);
        for (int r = 0; r < rows; r++) {
            int off = r * width;
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += a[off + j];
            }
            mean /= width;
            double var = 0;
            for (int j = 0; j < width; j++) {
                double d = a[off + j] - mean;
                var += d * d;
            }
            var /= width;
            double is = 1.0 / Math.sqrt(var + eps);
            inv[r] = (float) is;
            for (int j = 0; j < width; j++) {
                float h = (float) ((a[off + j] - mean) * is);
                xhat[off + j] = h;
                y[off + j] = h * g[j] + b[j];
            }
        }
        return Tensor.result(
                y,
                x.shapeRef(),
                t -> {
                    float[] go = t.grad();
                    if (gamma.requiresGrad() || beta.requiresGrad()) {
                        float[] gg = gamma.requiresGrad() ? gamma.gradBuffer() : null;
                        float[] gb = beta.requiresGrad() ? beta.gradBuffer() : null;
                        for (int r = 0; r < rows; r++) {
                            int off = r * width;
                            for (int j = 0; j < width; j++) {
                                if (gg != null) {
                                    gg[j] += go[off + j] * xhat[off + j];
                                }
                                if (gb != null) {
                                    gb[j] += go[off + j];
                                }
                            }
                        }
                    }
                    if (x.requiresGrad()) {
                        float[] gx = x.gradBuffer();
                        for (int r = 0; r < rows; r++) {
                            int off = r * width;
                            // dx = inv/N * (N*dxhat - sum(dxhat) - xhat*sum(dxhat*xhat)), dxhat = dy*gamma
                            double sum = 0, dot = 0;
                            for (int j = 0; j < width; j++) {
                                double dh = go[off + j] * g[j];
                                sum += dh;
                                dot += dh * xhat[off + j];
                            }
                            double k = inv[r] / (double) width;
                            for (int j = 0; j < width; j++) {
                                double dh = go[off + j] * g[j];
                                gx[off + j] += (float) (k * (width * dh - sum - xhat[off + j] * dot));
                            }
                        }
                    }
                },
                x,
                gamma,
                beta);
    }
}
