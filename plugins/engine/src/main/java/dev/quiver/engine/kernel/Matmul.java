package dev.quiver.engine.kernel;

/**
 * Dense float32 matrix products on row-major arrays, the three forms that a layer's forward and backward passes
 * need. Output rows are split between cores with {@link Parallel} (each thread owns whole rows of {@code C}, and
 * every element is summed in the same order whatever the split), so results are bit-identical run to run.
 *
 * <p>The arithmetic is done by a {@link Kernel}: {@link VectorKernel} (SIMD through the Vector API) when the
 * JVM has the incubator module, {@link ScalarKernel} otherwise. Stateless apart from a per-thread scratch
 * buffer for transposes; any thread may call.
 */
public final class Matmul {

    /**
     * Floating-point operations ({@code 2·k·m} per output row) per parallel part below which the hand-off to
     * another core costs more than it saves; {@link #product} turns it into a number of rows.
     */
    private static final long MIN_FLOPS_PER_PART = 1 << 16;

    private static final Kernel KERNEL = chooseKernel();

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private Matmul() {}

    /**
     * The Vector API kernel when the JVM was started with {@code --add-modules jdk.incubator.vector} (and
     * {@code quiver.kernel} is not {@code scalar}), the scalar one otherwise.
     */
    private static Kernel chooseKernel() {
        boolean vectorModule =
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean scalarAsked = "scalar".equals(System.getProperty("quiver.kernel"));
        if (!vectorModule && !scalarAsked) {
            // Once per JVM (class initialisation): a silent fallback would leave users wondering why training is
            // slow and why their predictions differ in the 7th digit from another host's.
            System.getLogger("dev.quiver.engine")
                    .log(
                            System.Logger.Level.WARNING,
                            "jdk.incubator.vector is not available, so matrix products use the scalar kernel: slower,"
                                    + " and predictions differ from the vector kernel's by about 2.5e-7. Start the JVM"
                                    + " with --add-modules jdk.incubator.vector (bin/quiver does).");
        }
        if (vectorModule && !scalarAsked) {
            try {
                return Class.forName("dev.quiver.engine.kernel.VectorKernel")
                        .asSubclass(Kernel.class)
                        .getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernel();
            }
        }
        return new ScalarKernel();
    }

    /** The kernel in use (package-private for tests). */
    static Kernel kernel() {
        return KERNEL;
    }

    /** The kernel in use, {@code vector} or {@code scalar}, for benchmarks and logs. */
    public static String kernelName() {
        return KERNEL instanceof ScalarKernel ? "scalar" : "vector";
    }

    /** {@code C[n,m] (+)= A[n,k] · B[k,m]}. */
    public static void nn(float[] a, float[] b, float[] c, int n, int k, int m, boolean accumulate) {
        product(a, k, 1, b, c, n, k, m, accumulate);
    }

    /** {@code C[k,m] (+)= A[n,k]^T · B[n,m]}: the weight gradient of {@code A · W}. */
    public static void tn(float[] a, float[] b, float[] c, int n, int k, int m, boolean accumulate) {
        product(a, 1, k, b, c, k, n, m, accumulate);
    }

    /** {@code C[n,k] (+)= A[n,m] · B[k,m]^T}: the input gradient of {@code X · B}. */
    public static void nt(float[] a, float[] b, float[] c, int n, int m, int k, boolean accumulate) {
        float[] bt = SCRATCH.get();
        if (bt.length < k * m) {
            bt = new float[k * m];
            SCRATCH.set(bt);
        }
        transpose(b, bt, k, m);
        product(a, m, 1, bt, c, n, m, k, accumulate);
    }

    /** {@code dst[c][r] = src[r][c]} for a {@code rows x cols} source. */
    public static void transpose(float[] src, float[] dst, int rows, int cols) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
    }

    /**
     * {@code C[n,m] (+)= A'[n,k] · B[k,m]} where {@code A'(i,p) = a[i*ars + p*acs]}: one loop nest serves both
     * {@code A} and {@code A^T}.
     */
    private static void product(
            float[] a, int ars, int acs, float[] b, float[] c, int n, int k, int m, boolean accumulate) {
        long flops = 2L * n * k * m;
        int grain = (int) Math.max(4, Math.min(n, MIN_FLOPS_PER_PART * n / Math.max(1, flops)));
        if (Parallel.parts(n, grain) == 1) {
            // Directly, without the capturing lambda: small products (a linear model's every step) allocate nothing.
            KERNEL.rows(a, ars, acs, b, c, 0, n, k, m, accumulate);
            return;
        }
        Parallel.forRows(n, grain, (from, to) -> KERNEL.rows(a, ars, acs, b, c, from, to, k, m, accumulate));
    }
}
