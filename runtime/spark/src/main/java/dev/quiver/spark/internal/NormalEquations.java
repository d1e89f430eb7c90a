package dev.quiver.spark.internal;

import java.io.Serializable;

/**
 * The sums a least-squares fit needs, mergeable across tasks: {@code A = ZᵀZ} and {@code b = Zᵀy} for
 * {@code Z = [X, 1]} (the last column is the intercept), accumulated in float64. Mutable; one task or the
 * driver's merge.
 */
public final class NormalEquations implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final double[] gram;
    private final double[] moment;
    private long rows;

    public NormalEquations(int features) {
        size = features + 1;
        gram = new double[size * size];
        moment = new double[size];
    }

    /** Adds {@code n} rows of {@code width = size - 1} features, row-major, and their targets. */
    public NormalEquations add(double[] x, double[] y, int n) {
        int width = size - 1;
        double[] z = new double[size];
        z[width] = 1;
        for (int r = 0; r < n; r++) {
            System.arraycopy(x, r * width, z, 0, width);
            double t = y[r];
            for (int i = 0; i < size; i++) {
                double zi = z[i];
                moment[i] += zi * t;
                for (int j = i; j < size; j++) {
                    gram[i * size + j] += zi * z[j];
                }
            }
        }
        rows += n;
        return this;
    }

    public NormalEquations merge(NormalEquations other) {
        for (int i = 0; i < gram.length; i++) {
            gram[i] += other.gram[i];
        }
        for (int i = 0; i < size; i++) {
            moment[i] += other.moment[i];
        }
        rows += other.rows;
        return this;
    }

    public long rows() {
        return rows;
    }

    /**
     * Solves {@code A w = b} by Cholesky; {@code null} when A is not positive definite (collinear or too few rows),
     * which the caller reports in its own words.
     */
    public double[] solve() {
        double[] l = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j <= i; j++) {
                double s = gram[j * size + i]; // the upper triangle holds A
                for (int k = 0; k < j; k++) {
                    s -= l[i * size + k] * l[j * size + k];
                }
                if (i == j) {
                    if (!(s > 1e-12 * Math.max(1, gram[i * size + i]))) {
                        return null;
                    }
                    l[i * size + i] = Math.sqrt(s);
                } else {
                    l[i * size + j] = s / l[j * size + j];
                }
            }
        }
        double[] w = new double[size];
        for (int i = 0; i < size; i++) { // L u = b
            double s = moment[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * size + k] * w[k];
            }
            w[i] = s / l[i * size + i];
        }
        for (int i = size - 1; i >= 0; i--) { // Lᵀ w = u
            double s = w[i];
            for (int k = i + 1; k < size; k++) {
                s -= l[k * size + i] * w[k];
            }
            w[i] = s / l[i * size + i];
        }
        return w;
    }
}
