package dev.quiver.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatmulTest {

    private static float[] random(int size, long seed) {
        Random r = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** Double-precision reference of {@code A'(n,k) · B'(k,m)} with element accessors given by strides. */
    private static double[] reference(float[] a, int ars, int acs, float[] b, int brs, int bcs, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * ars + p * acs] * b[p * brs + j * bcs];
                }
                c[i * m + j] = s;
            }
        }
        return c;
    }

    private static void assertClose(double[] expected, float[] actual, int k) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.sqrt(k) * 4, "element " + i);
        }
    }

    @Test
    void allThreeFormsMatchADoubleReference() {
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 33, 9}, {130, 70, 67}, {131, 65, 80}};
        for (int[] s : shapes) {
            int n = s[0], k = s[1], m = s[2];
            float[] a = random(n * k, 1), b = random(k * m, 2), g = random(n * m, 3);
            float[] c = new float[n * m];
            Matmul.nn(a, b, c, n, k, m, false);
            assertClose(reference(a, k, 1, b, m, 1, n, k, m), c, k);

            float[] dw = new float[k * m];
            Matmul.tn(a, g, dw, n, k, m, false);
            assertClose(reference(a, 1, k, g, m, 1, k, n, m), dw, n);

            float[] dx = new float[n * k];
            Matmul.nt(g, b, dx, n, m, k, false);
            assertClose(reference(g, m, 1, b, 1, m, n, m, k), dx, m);
        }
    }

    @Test
    void accumulateAddsToTheOutput() {
        int n = 9, k = 4, m = 6;
        float[] a = random(n * k, 1), b = random(k * m, 2);
        float[] once = new float[n * m];
        Matmul.nn(a, b, once, n, k, m, false);
        float[] twice = once.clone();
        Matmul.nn(a, b, twice, n, k, m, true);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-5f);
        }
        Matmul.nn(a, b, twice, n, k, m, false);
        assertArrayEquals(once, twice, 0f);
    }

    @Test
    void resultsAreBitIdenticalRunToRun() {
        int n = 128, k = 100, m = 96;
        float[] a = random(n * k, 1), b = random(k * m, 2);
        float[] first = new float[n * m];
        Matmul.nn(a, b, first, n, k, m, false);
        for (int run = 0; run < 20; run++) {
            float[] again = new float[n * m];
            Matmul.nn(a, b, again, n, k, m, false);
            assertArrayEquals(first, again, 0f);
        }
    }

    @Test
    void howRowsAreSplitBetweenThreadsNeverChangesABit() {
        // Whatever the core count, each thread computes whole output rows in the same order: splitting the rows
        // at arbitrary points must reproduce the single-range result exactly, for A and for A^T.
        int n = 37, k = 70, m = 45;
        float[] a = random(n * k, 5), b = random(k * m, 6), at = random(k * n, 7);
        for (boolean transposed : new boolean[] {false, true}) {
            int ars = transposed ? 1 : k, acs = transposed ? n : 1;
            float[] src = transposed ? at : a;
            float[] whole = new float[n * m];
            Matmul.kernel().rows(src, ars, acs, b, whole, 0, n, k, m, false);
            float[] split = new float[n * m];
            int[] cuts = {0, 3, 10, 11, 29, n};
            for (int i = 0; i + 1 < cuts.length; i++) {
                Matmul.kernel().rows(src, ars, acs, b, split, cuts[i], cuts[i + 1], k, m, false);
            }
            assertArrayEquals(whole, split, 0f);
        }
        float[] narrowB = random(k, 8);
        float[] whole = new float[n];
        Matmul.kernel().rows(a, k, 1, narrowB, whole, 0, n, k, 1, false);
        float[] split = new float[n];
        Matmul.kernel().rows(a, k, 1, narrowB, split, 0, 5, k, 1, false);
        Matmul.kernel().rows(a, k, 1, narrowB, split, 5, n, k, 1, false);
        assertArrayEquals(whole, split, 0f);
    }

    @Test
    void transposeMovesEveryElement() {
        float[] src = random(37 * 45, 4);
        float[] dst = new float[src.length];
        Matmul.transpose(src, dst, 37, 45);
        for (int r = 0; r < 37; r++) {
            for (int c = 0; c < 45; c++) {
                assertEquals(src[r * 45 + c], dst[c * 37 + r]);
            }
        }
    }
}
