package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Assigns rows to the folds of k-fold cross-validation: a seeded shuffle, then row {@code p} of the shuffled
 * order goes to fold {@code p mod k}, so fold sizes differ by at most one.
 *
 * <p>Stratified, each class is shuffled on its own and the classes (in sorted order) are laid end to end before
 * dealing; dealing continues across class boundaries, so every fold gets its share of every class (within one
 * row) and the folds still differ in size by at most one. {@link Random} is used, as in {@link Splitter}, because
 * its sequence is fixed by the JDK specification. Stateless.
 */
public final class Folds {

    /** Mixed into the pipeline seed so that the folds are not correlated with the train/test shuffle. */
    private static final long SALT = 0x9E3779B97F4A7C15L;

    private Folds() {}

    /**
     * The validation rows of each fold, each in ascending order; together they are {@code 0..rows-1}, each row
     * once. {@code labels} (one per row) stratifies when non-null; a null label is its own class.
     *
     * @throws QuiverException (DATA) when there are fewer rows than folds
     */
    public static int[][] assign(int rows, int folds, long seed, String[] labels) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        if (rows < folds) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "Cross-validation with " + folds + " folds needs at least " + folds
                            + " training rows, but there are " + rows + ". Use fewer folds or more data.");
        }
        Random random = new Random(seed ^ SALT);
        int[] order = labels == null ? shuffled(range(rows), random) : stratifiedOrder(labels, random);
        int[][] out = new int[folds][];
        for (int f = 0; f < folds; f++) {
            out[f] = new int[rows / folds + (f < rows % folds ? 1 : 0)];
        }
        int[] filled = new int[folds];
        for (int p = 0; p < order.length; p++) {
            int f = p % folds;
            out[f][filled[f]++] = order[p];
        }
        for (int[] fold : out) {
            Arrays.sort(fold);
        }
        return out;
    }

    /** Every row not in {@code validation} (ascending), of {@code rows} rows: the fold's training rows. */
    public static int[] complement(int rows, int[] validation) {
        boolean[] held = new boolean[rows];
        for (int r : validation) {
            held[r] = true;
        }
        int[] out = new int[rows - validation.length];
        int at = 0;
        for (int r = 0; r < rows; r++) {
            if (!held[r]) {
                out[at++] = r;
            }
        }
        return out;
    }

    private static int[] stratifiedOrder(String[] labels, Random random) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int r = 0; r < labels.length; r++) {
            byLabel.computeIfAbsent(labels[r] == null ? "" : labels[r], k -> new ArrayList<>())
                    .add(r);
        }
        int[] order = new int[labels.length];
        int at = 0;
        for (List<Integer> members : byLabel.values()) {
            int[] stratum =
                    shuffled(members.stream().mapToInt(Integer::intValue).toArray(), random);
            System.arraycopy(stratum, 0, order, at, stratum.length);
            at += stratum.length;
        }
        return order;
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Fisher-Yates in place; returns its argument. */
    private static int[] shuffled(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
