package dev.quiver.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD matrix-product kernel on the Java Vector API: a register-blocked micro-kernel keeps a 4-row by
 * 2-vector tile of {@code C} in registers while it streams a panel of {@code B}, so each loaded vector of
 * {@code B} feeds four fused multiply-adds. {@code k} is cut into blocks so that the panel of {@code B} stays in
 * the L1/L2 cache across the rows of a thread's part.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present ({@code --add-modules
 * jdk.incubator.vector}); {@link Matmul} falls back to {@link ScalarKernel} otherwise.
 *
 * <p>Summation order: {@code C} is accumulated one {@code k}-block after another. Within a block, an element in
 * a whole panel (and in the tail when {@code A} is read transposed) is one fused multiply-add chain over
 * increasing {@code p}; an element in the tail of a product with {@code m == 1} and contiguous {@code A} is a
 * dot product summed lane-wise ({@code p} strided by the vector length) and then across lanes; any other tail
 * element is four interleaved partial sums ({@code p mod 4}) combined as {@code (s0 + s1) + (s2 + s3)}. The
 * order depends only on the shapes and the vector length, never on which rows a thread gets (a row takes the
 * same path in a group of four as alone), so results do not depend on the split. Stateless.
 */
final class VectorKernel implements Kernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int KC = 256;

    @Override
    public void rows(
            float[] a, int ars, int acs, float[] b, float[] c, int from, int to, int k, int m, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, from * m, to * m, 0f);
        }
        int panel = 2 * L;
        int mPanels = m - m % panel;
        for (int k0 = 0; k0 < k; k0 += KC) {
            int k1 = Math.min(k, k0 + KC);
            for (int j = 0; j < mPanels; j += panel) {
                int i = from;
                for (; i + 4 <= to; i += 4) {
                    tile4(a, ars, acs, b, c, i, j, k0, k1, m);
                }
                for (; i < to; i++) {
                    tile1(a, ars, acs, b, c, i, j, k0, k1, m);
                }
            }
            if (mPanels < m) {
                tail(a, ars, acs, b, c, from, to, mPanels, k0, k1, m);
            }
        }
    }

    private static void tile4(float[] a, int ars, int acs, float[] b, float[] c, int i, int j, int k0, int k1, int m) {
        int c0 = i * m + j, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        FloatVector c00 = FloatVector.fromArray(S, c, c0), c01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector c10 = FloatVector.fromArray(S, c, c1), c11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector c20 = FloatVector.fromArray(S, c, c2), c21 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector c30 = FloatVector.fromArray(S, c, c3), c31 = FloatVector.fromArray(S, c, c3 + L);
        int a0 = i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int p = k0; p < k1; p++) {
            int bp = p * m + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            int ap = p * acs;
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }

    private static void tile1(float[] a, int ars, int acs, float[] b, float[] c, int i, int j, int k0, int k1, int m) {
        int ci = i * m + j;
        FloatVector c0 = FloatVector.fromArray(S, c, ci), c1 = FloatVector.fromArray(S, c, ci + L);
        for (int p = k0; p < k1; p++) {
            int bp = p * m + j;
            FloatVector x = FloatVector.broadcast(S, a[i * ars + p * acs]);
            c0 = x.fma(FloatVector.fromArray(S, b, bp), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bp + L), c1);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + L);
    }

    /**
     * Columns {@code [j0, m)} that do not fill a whole panel: few columns (often one, as in logistic regression),
     * so each element is accumulated in registers over the whole {@code k}-block instead of through memory.
     */
    private static void tail(
            float[] a, int ars, int acs, float[] b, float[] c, int from, int to, int j0, int k0, int k1, int m) {
        if (ars == 1) {
            tailTransposed(a, acs, b, c, from, to, j0, k0, k1, m);
            return;
        }
        for (int i = from; i < to; i++) {
            int ai = i * ars;
            for (int j = j0; j < m; j++) {
                float sum;
                if (acs == 1 && m == 1) {
                    sum = dot(a, ai, b, k0, k1);
                } else {
                    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                    int p = k0;
                    for (; p + 4 <= k1; p += 4) {
                        s0 = Math.fma(a[ai + p * acs], b[p * m + j], s0);
                        s1 = Math.fma(a[ai + (p + 1) * acs], b[(p + 1) * m + j], s1);
                        s2 = Math.fma(a[ai + (p + 2) * acs], b[(p + 2) * m + j], s2);
                        s3 = Math.fma(a[ai + (p + 3) * acs], b[(p + 3) * m + j], s3);
                    }
                    for (; p < k1; p++) {
                        s0 = Math.fma(a[ai + p * acs], b[p * m + j], s0);
                    }
                    sum = (s0 + s1) + (s2 + s3);
                }
                c[i * m + j] += sum;
            }
        }
    }

    /** {@code sum_p a[ai + p] * b[p]} over {@code [k0, k1)}, lane-wise then reduced: a fixed order. */
    private static float dot(float[] a, int ai, float[] b, int k0, int k1) {
        FloatVector acc = FloatVector.zero(S);
        int p = k0;
        for (; p + L <= k1; p += L) {
            acc = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, p), acc);
        }
        float sum = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; p < k1; p++) {
            sum = Math.fma(a[ai + p], b[p], sum);
        }
        return sum;
    }

    /**
     * The tail when {@code A} is read transposed ({@code A'(i,p) = a[i + p*acs]}): consecutive rows {@code i} are
     * contiguous in memory, so a vector of {@code L} rows is accumulated at once.
     */
    private static void tailTransposed(
            float[] a, int acs, float[] b, float[] c, int from, int to, int j0, int k0, int k1, int m) {
        for (int j = j0; j < m; j++) {
            int i = from;
            for (; i + L <= to; i += L) {
                FloatVector acc = FloatVector.zero(S);
                for (int p = k0; p < k1; p++) {
                    acc = FloatVector.fromArray(S, a, i + p * acs).fma(FloatVector.broadcast(S, b[p * m + j]), acc);
                }
                for (int l = 0; l < L; l++) {
                    c[(i + l) * m + j] += acc.lane(l);
                }
            }
            for (; i < to; i++) {
                float sum = 0f;
                for (int p = k0; p < k1; p++) {
                    sum = Math.fma(a[i + p * acs], b[p * m + j], sum);
                }
                c[i * m + j] += sum;
            }
        }
    }
}
