package dev.quiver.engine.kernel;

/**
 * The dense layer's arithmetic, {@code y = x W + b} and its parameter gradients, on row-major arrays: the one
 * implementation behind both the autograd op ({@code Tensor.linear}) and the fused linear-model step, so the two
 * give the same bits. Stateless; any thread may call.
 */
public final class Affine {

    private Affine() {}

    /** {@code out[n,m] = x[n,k] · w[k,m] + b[m]}: each row starts as the bias, then the product is added. */
    public static void forward(float[] x, float[] w, float[] b, float[] out, int n, int k, int m) {
        if (m == 1) {
            java.util.Arrays.fill(out, 0, n, b[0]);
        } else {
            for (int i = 0; i < n; i++) {
                System.arraycopy(b, 0, out, i * m, m);
            }
        }
        Matmul.nn(x, w, out, n, k, m, true);
    }

    /** {@code gw[k,m] (+)= x[n,k]^T · g[n,m]}: the weight gradient from the outputs' gradient {@code g}. */
    public static void weightGradient(float[] x, float[] g, float[] gw, int n, int k, int m, boolean accumulate) {
        Matmul.tn(x, g, gw, n, k, m, accumulate);
    }

    /**
     * {@code gb[m] += sum_i g[i,m]}: column sums in row order, one fixed summation order, so the result never
     * depends on the thread count.
     */
    public static void addBiasGradient(float[] g, float[] gb, int n, int m) {
        for (int i = 0; i < n; i++) {
            int row = i * m;
            for (int j = 0; j < m; j++) {
                gb[j] += g[row + j];
            }
        }
    }
}
