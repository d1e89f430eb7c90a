package dev.quiver.engine.tensor;

import dev.quiver.engine.kernel.Parallel;

/**
 * Causal multi-head self-attention, fused: from packed {@code [batch*time, 3*width]} query/key/value rows (the
 * output of one linear layer, heads side by side within each third) to {@code [batch*time, width]}, as
 * {@code torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)} on {@code [batch, heads,
 * time, width/heads]} views. Position {@code i} attends to positions {@code 0..i} only: the masked scores are
 * never computed, which is the same as filling them with minus infinity before the softmax.
 *
 * <p>The work is split by (sequence, head) pairs at fixed boundaries; each pair owns its own output columns and
 * its own rows of the gradients, and sums in a fixed order, so results do not depend on the thread count.
 * Stateless.
 */
public final class Attention {

    private Attention() {}

    static Tensor causal(Tensor qkv, int batch, int heads) {
        if (qkv.rank() != 2 || qkv.dim(1) % 3 != 0 || qkv.dim(0) % batch != 0 || (qkv.dim(1) / 3) % heads != 0) {
            throw new IllegalArgumentException(
                    "attention over " + qkv + " with batch " + batch + " and " + heads + " heads");
        }
        int time = qkv.dim(0) / batch;
        int width = qkv.dim(1) / 3;
        int headWidth = width / heads;
        float scale = (float) (1.0 / Math.sqrt(headWidth));
        float[] x = qkv.data();
        float[] y = Workspace.buffer(batch * time * width);
        // Probabilities per (sequence, head), a lower triangle stored as a full time x time square.
        float[] probs = Workspace.buffer(batch * heads * time * time);
        int stride = 3 * width;
        Parallel.forRows(batch * heads, 1, (from, to) -> {
            for (int bh = from; bh < to; bh++) {
                int b = bh / heads, h = bh % heads;
                int base = b * time * stride + h * headWidth;
                for (int i = 0; i < time; i++) {
                    attendRow(
                            x,
                            base + i * stride,
                            x,
                            base + width,
                            x,
                            base + 2 * width,
                            stride,
                            i + 1,
                            headWidth,
                            scale,
                            probs,
                            (bh * time + i) * time,
                            y,
                            (b * time + i) * width + h * headWidth);
                }
            }
        });
        return Tensor.result(
                y,
                new int[] {batch * time, width},
                t -> {
                    float[] g = t.grad();
                    float[] gx = qkv.gradBuffer();
                    Parallel.forRows(batch * heads, 1, (from, to) -> {
                        float[] dp = new float[time];
                        for (int bh = from; bh < to; bh++) {
                            int b = bh / heads, h = bh % heads;
                            int base = b * time * stride + h * headWidth;
                            for (int i = 0; i < time; i++) {
                                int go = (b * time + i) * width + h * headWidth;
                                int pRow = (bh * time + i) * time;
                                int qi = base + i * stride;
                                double dot = 0;
                                for (int j = 0; j <= i; j++) {
                                    int vj = base + j * stride + 2 * width;
                                    float s = 0;
                                    for (int d = 0; d < headWidth; d++) {
                                        s += g[go + d] * x[vj + d];
                                    }
                                    dp[j] = s;
                                    dot += (double) s * probs[pRow + j];
                                    float pij = probs[pRow + j];
                                    for (int d = 0; d < headWidth; d++) {
                                        gx[vj + d] += pij * g[go + d];
                                    }
                                }
                                for (int j = 0; j <= i; j++) {
                                    float ds = (float) (probs[pRow + j] * (dp[j] - dot)) * scale;
                                    int kj = base + j * stride + width;
                                    for (int d = 0; d < headWidth; d++) {
                                        gx[qi + d] += ds * x[kj + d];
                                        gx[kj + d] += ds * x[qi + d];
                                    }
                                }
                            }
                        }
                    });
                },
                qkv);
    }

    /**
     * One query row against keys and values {@code 0..count-1}: softmax of the scaled dot products into
     * {@code probs[pOff..]} and their weighted sum of values into {@code out[outOff..]}. Keys and values are
     * {@code kvStride} apart; the training op and the generator's key/value cache share this, so both compute
     * the same numbers in the same order.
     */
    public static void attendRow(
            float[] q,
            int qOff,
            float[] k,
            int kOff,
            float[] v,
            int vOff,
            int kvStride,
            int count,
            int headWidth,
            float scale,
            float[] probs,
            int pOff,
            float[] out,
            int outOff) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            int kj = kOff + j * kvStride;
            float s = 0;
            for (int d = 0; d < headWidth; d++) {
                s += q[qOff + d] * k[kj + d];
            }
            s *= scale;
            probs[pOff + j] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < count; j++) {
            sum += Math.exp(probs[pOff + j] - max);
        }
        for (int j = 0; j < count; j++) {
            probs[pOff + j] = (float) (Math.exp(probs[pOff + j] - max) / sum);
        }
        for (int d = 0; d < headWidth; d++) {
            out[outOff + d] = 0f;
        }
        for (int j = 0; j < count; j++) {
            float pj = probs[pOff + j];
            int vj = vOff + j * kvStride;
            for (int d = 0; d < headWidth; d++) {
                out[outOff + d] += pj * v[vj + d];
            }
        }
    }
}
