package dev.quiver.engine.linalg;

/**
 * Least squares by a QR factorisation built one row at a time with Givens rotations (Gentleman's method, as in
 * Miller's AS 274): memory is {@code O(p^2)} whatever the number of rows, and the normal equations, whose
 * condition number is the square of the data's, are never formed.
 *
 * <p>The factor {@code R} is kept with {@code Q^T y} as an extra column, so solving is one back substitution.
 * Optional ridge rows ({@code sqrt(l2) * e_j}) are rotated in the same way. Confined to one thread.
 */
public final class StreamingLeastSquares {

    /** A column whose residual norm after projecting out the earlier columns is below this share of its own
     *  norm is numerically a combination of them (or constant). */
    private static final double RANK_TOLERANCE = 1e-10;

    private final int p;
    private final int width;
    /** Row-major (p+1) x (p+1): R in the upper triangle of the first p columns, Q^T y in the last column. */
    private final double[] r;

    private final double[] columnSquares;
    private final double[] z;
    private long rows;

    public StreamingLeastSquares(int features) {
        this.p = features;
        this.width = features + 1;
        this.r = new double[width * width];
        this.columnSquares = new double[features];
        this.z = new double[width];
    }

    /** Rotates the row {@code x[offset .. offset+p)} with target {@code y} into the factorisation. */
    public void addRow(double[] x, int offset, double y) {
        for (int j = 0; j < p; j++) {
            double v = x[offset + j];
            z[j] = v;
            columnSquares[j] += v * v;
        }
        z[p] = y;
        rotateIn();
        rows++;
    }

    /** Adds the ridge penalty {@code l2 * ||w||^2} as p extra rows {@code sqrt(l2) * e_j} with target 0. */
    public void addRidge(double l2) {
        double s = Math.sqrt(l2);
        for (int j = 0; j < p; j++) {
            java.util.Arrays.fill(z, 0.0);
            z[j] = s;
            rotateIn();
        }
    }

    private void rotateIn() {
        for (int j = 0; j < p; j++) {
            double b = z[j];
            if (b == 0.0) {
                continue;
            }
            int row = j * width;
            double a = r[row + j];
            double h = Math.hypot(a, b);
            double c = a / h;
            double s = b / h;
            r[row + j] = h;
            z[j] = 0.0;
            for (int k = j + 1; k < width; k++) {
                double rk = r[row + k];
                double zk = z[k];
                r[row + k] = c * rk + s * zk;
                z[k] = c * zk - s * rk;
            }
        }
    }

    public long rows() {
        return rows;
    }

    /**
     * The index of the first column that is (numerically) constant or a linear combination of the columns
     * before it, or -1 when the design has full column rank.
     */
    public int firstDependentColumn() {
        for (int j = 0; j < p; j++) {
            double norm = Math.sqrt(columnSquares[j]);
            if (norm == 0.0 || Math.abs(r[j * width + j]) <= RANK_TOLERANCE * norm) {
                return j;
            }
        }
        return -1;
    }

    /**
     * The coefficients minimising {@code ||y - Xw||^2 (+ l2 ||w||^2)}, by back substitution on R.
     *
     * @throws IllegalStateException if R is singular; check {@link #firstDependentColumn()} first
     */
    public double[] solve() {
        double[] w = new double[p];
        for (int j = p - 1; j >= 0; j--) {
            int row = j * width;
            double sum = r[row + p];
            for (int k = j + 1; k < p; k++) {
                sum -= r[row + k] * w[k];
            }
            double d = r[row + j];
            if (d == 0.0) {
                throw new IllegalStateException("singular factor at column " + j);
            }
            w[j] = sum / d;
        }
        return w;
    }
}
