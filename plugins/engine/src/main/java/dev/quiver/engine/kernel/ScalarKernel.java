package dev.quiver.engine.kernel;

/**
 * The portable product kernel: four output rows share each loaded row of {@code B} and the innermost loop is a
 * plain axpy over contiguous memory, which HotSpot's C2 compiles to SIMD on its own. Stateless.
 */
final class ScalarKernel implements Kernel {

    @Override
    public void rows(
            float[] a, int ars, int acs, float[] b, float[] c, int from, int to, int k, int m, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, from * m, to * m, 0f);
        }
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int c0 = i * m;
            int c1 = c0 + m;
            int c2 = c1 + m;
            int c3 = c2 + m;
            for (int p = 0; p < k; p++) {
                int ap = p * acs;
                float a0 = a[i * ars + ap];
                float a1 = a[(i + 1) * ars + ap];
                float a2 = a[(i + 2) * ars + ap];
                float a3 = a[(i + 3) * ars + ap];
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    float bj = b[bp + j];
                    c[c0 + j] += a0 * bj;
                    c[c1 + j] += a1 * bj;
                    c[c2 + j] += a2 * bj;
                    c[c3 + j] += a3 * bj;
                }
            }
        }
        for (; i < to; i++) {
            int ci = i * m;
            for (int p = 0; p < k; p++) {
                float ai = a[i * ars + p * acs];
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += ai * b[bp + j];
                }
            }
        }
    }
}
