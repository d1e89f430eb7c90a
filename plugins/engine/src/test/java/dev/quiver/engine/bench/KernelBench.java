package dev.quiver.engine.bench;

import dev.quiver.engine.kernel.Matmul;
import java.util.Random;

/** Measures the matmul kernels in isolation: {@code GFLOP/s} for the shapes of the W2 MLP. Not a test. */
public final class KernelBench {

    public static void main(String[] args) {
        int[][] shapes = {{128, 784, 256}, {128, 256, 128}, {256, 256, 256}, {512, 512, 512}};
        for (int[] s : shapes) {
            int n = s[0], k = s[1], m = s[2];
            float[] a = random(n * k), b = random(k * m), c = new float[n * m];
            float[] g = random(n * m), dw = new float[k * m], dx = new float[n * k];
            for (String form : new String[] {"nn", "tn", "nt"}) {
                Runnable op =
                        switch (form) {
                            case "nn" -> () -> Matmul.nn(a, b, c, n, k, m, false);
                            case "tn" -> () -> Matmul.tn(a, g, dw, n, k, m, false);
                            default -> () -> Matmul.nt(g, b, dx, n, m, k, false);
                        };
                for (int i = 0; i < 200; i++) {
                    op.run();
                }
                int reps = (int) Math.max(10, 2e10 / (2.0 * n * k * m));
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    op.run();
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%s %dx%dx%d: %.1f GFLOP/s%n", form, n, k, m, 2.0 * n * k * m * reps / sec / 1e9);
            }
        }
    }

    private static float[] random(int size) {
        Random r = new Random(1);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
