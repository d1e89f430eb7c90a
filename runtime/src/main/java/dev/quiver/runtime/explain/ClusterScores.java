package dev.quiver.runtime.explain;

/**
 * Clustering scores of the points alone, as scikit-learn's {@code silhouette_score} and
 * {@code davies_bouldin_score} compute them: on the points the model clustered (its input, after the transforms)
 * with Euclidean distance. Scores against true groups are metrics ({@code adjusted-rand}), since a run's
 * predictions carry the true groups and not the points. Stateless; any thread.
 */
public final class ClusterScores {

    private ClusterScores() {}

    /**
     * The mean silhouette over all points: {@code (b - a) / max(a, b)}, with {@code a} the mean distance to the
     * other points of its cluster and {@code b} the smallest mean distance to another cluster's points; a point
     * alone in its cluster scores 0. NaN unless there are 2 to n-1 clusters. O(n²): callers sample large data.
     */
    public static double silhouette(double[][] x, int[] cluster) {
        int n = x.length;
        int k = count(cluster);
        if (k < 2 || k > n - 1) {
            return Double.NaN;
        }
        int[] size = sizes(cluster, k);
        double total = 0;
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(sums, 0);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sums[cluster[j]] += distance(x[i], x[j]);
                }
            }
            int own = cluster[i];
            if (size[own] == 1) {
                continue; // scikit-learn: 0 for a singleton
            }
            double a = sums[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && size[c] > 0) {
                    b = Math.min(b, sums[c] / size[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / n;
    }

    /**
     * The Davies-Bouldin index: the mean over clusters of the largest {@code (s_i + s_j) / d(c_i, c_j)}, with
     * {@code s} a cluster's mean distance to its centroid; lower is better. NaN for fewer than 2 clusters.
     */
    public static double daviesBouldin(double[][] x, int[] cluster) {
        int k = count(cluster);
        if (k < 2) {
            return Double.NaN;
        }
        double[][] centroids = centroids(x, cluster, k);
        int[] size = sizes(cluster, k);
        double[] spread = new double[k];
        for (int i = 0; i < x.length; i++) {
            spread[cluster[i]] += distance(x[i], centroids[cluster[i]]);
        }
        for (int c = 0; c < k; c++) {
            spread[c] = size[c] == 0 ? 0 : spread[c] / size[c];
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double worst = 0;
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    double d = distance(centroids[i], centroids[j]);
                    // scikit-learn: a zero centroid distance counts as 0 (its division by zero is set to 0)
                    worst = Math.max(worst, d == 0 ? 0 : (spread[i] + spread[j]) / d);
                }
            }
            sum += worst;
        }
        return sum / k;
    }

    /** Each cluster's mean point, {@code [cluster][feature]}. */
    public static double[][] centroids(double[][] x, int[] cluster, int k) {
        int d = x.length == 0 ? 0 : x[0].length;
        double[][] sum = new double[k][d];
        int[] size = sizes(cluster, k);
        for (int i = 0; i < x.length; i++) {
            for (int f = 0; f < d; f++) {
                sum[cluster[i]][f] += x[i][f];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int f = 0; f < d; f++) {
                sum[c][f] = size[c] == 0 ? Double.NaN : sum[c][f] / size[c];
            }
        }
        return sum;
    }

    /** How many points each of {@code k} clusters holds. */
    public static int[] sizes(int[] cluster, int k) {
        int[] size = new int[k];
        for (int c : cluster) {
            size[c]++;
        }
        return size;
    }

    /** One more than the largest cluster index. */
    public static int count(int[] cluster) {
        int max = -1;
        for (int c : cluster) {
            max = Math.max(max, c);
        }
        return max + 1;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int f = 0; f < a.length; f++) {
            double d = a[f] - b[f];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
