package dev.quiver.engine.kernel;

/**
 * One implementation of the product loop nest {@code C[from..to, :] (+)= A'[from..to, :] · B}, where
 * {@code A'(i,p) = a[i*ars + p*acs]} lets one kernel serve both {@code A} and {@code A^T}, and {@code B} is
 * row-major {@code k x m}. Implementations are stateless and called concurrently on disjoint row ranges.
 */
interface Kernel {

    void rows(float[] a, int ars, int acs, float[] b, float[] c, int from, int to, int k, int m, boolean accumulate);
}
