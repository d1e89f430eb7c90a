package dev.quiver.engine.tensor;

/**
 * Mean cross-entropy of {@code [rows, classes]} logits against one class index per row, fused with its
 * log-softmax as {@code torch.nn.functional.cross_entropy}: a negative target is ignored (PyTorch's
 * {@code ignore_index}), and the mean is over the rows that count. This is the next-token loss of a language
 * model, where the vocabulary is the class set. Stateless.
 */
final class CrossEntropy {

    private CrossEntropy() {}

    static Tensor mean(Tensor logits, int[] targets) {
        if (logits.rank() != 2 || logits.dim(0) != targets.length) {
            throw new IllegalArgumentException(
                    "cross-entropy of " + logits + " against " + targets.length + " targets");
        }
        int rows = logits.dim(0), classes = logits.dim(1);
        float[] x = logits.data();
        // Softmax probabilities, kept for the backward pass: d/dx = (p - onehot) / counted.
        float[] p = Workspace.buffer(logits.size());
        double total = 0;
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, x[off + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(x[off + j] - max);
            }
            for (int j = 0; j < classes; j++) {
                p[off + j] = (float) (Math.exp(x[off + j] - max) / sum);
            }
            int target = targets[r];
            if (target >= classes) {
                throw new IndexOutOfBoundsException("target " + target + " outside " + classes + " classes");
            }
            if (target >= 0) {
                total += Math.log(sum) + max - x[off + target];
                counted++;
            }
        }
        float[] out = Workspace.buffer(1);
        int n = counted;
        out[0] = n == 0 ? 0f : (float) (total / n);
        int[] copy = targets.clone();
        return Tensor.result(
                out,
                new int[0],
                t -> {
                    if (n == 0) {
                        return;
                    }
                    float scale = t.grad()[0] / n;
                    float[] gx = logits.gradBuffer();
                    for (int r = 0; r < rows; r++) {
                        if (copy[r] < 0) {
                            continue;
                        }
                        int off = r * classes;
                        for (int j = 0; j < classes; j++) {
                            gx[off + j] += scale * (p[off + j] - (j == copy[r] ? 1f : 0f));
                        }
                    }
                },
                logits);
    }
}
