package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.pipeline.SplitSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Divides row indices into training, validation and test sets: a seeded shuffle, then the first rows of it go
 * to test, the next to validation, the rest to training. Each set is returned in ascending (storage) order.
 *
 * <p>Stratified, the same happens within each class (classes taken in sorted order), so every set keeps the
 * class proportions up to rounding; every class keeps at least one training row, so that a model never meets
 * a label in evaluation it could not have learned. {@link java.util.Random} is used because its sequence is
 * specified by the JDK, so a seed gives the same split on every JVM. Stateless.
 */
public final class Splitter {

    /** The three index sets. */
    public record Split(int[] train, int[] validation, int[] test) {}

    private Splitter() {}

    /**
     * Splits {@code rows} rows. {@code labels} (one per row) stratifies when non-null; a null label is its
     * own stratum.
     */
    public static Split split(int rows, SplitSpec spec, long seed, String[] labels) {
        Random random = new Random(seed);
        List<int[]> strata = new ArrayList<>();
        if (labels == null) {
            strata.add(range(rows));
        } else {
            Map<String, List<Integer>> byLabel = new TreeMap<>();
            for (int r = 0; r < rows; r++) {
                byLabel.computeIfAbsent(labels[r] == null ? "" : labels[r], k -> new ArrayList<>())
                        .add(r);
            }
            byLabel.values()
                    .forEach(list ->
                            strata.add(list.stream().mapToInt(Integer::intValue).toArray()));
        }
        IntBuffer train = new IntBuffer();
        IntBuffer validation = new IntBuffer();
        IntBuffer test = new IntBuffer();
        for (int[] stratum : strata) {
            shuffle(stratum, random);
            int n = stratum.length;
            int nTest = (int) Math.round(n * spec.test());
            int nValidation = (int) Math.round(n * spec.validation());
            if (labels != null) {
                // Keep one training row per class: shrink validation first, then test.
                int excess = nTest + nValidation - (n - 1);
                if (excess > 0) {
                    int fromValidation = Math.min(excess, nValidation);
                    nValidation -= fromValidation;
                    nTest -= excess - fromValidation;
                }
            }
            nTest = Math.max(0, Math.min(nTest, n));
            nValidation = Math.max(0, Math.min(nValidation, n - nTest));
            test.add(stratum, 0, nTest);
            validation.add(stratum, nTest, nTest + nValidation);
            train.add(stratum, nTest + nValidation, n);
        }
        Split split = new Split(train.sorted(), validation.sorted(), test.sorted());
        if (split.train().length == 0) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "The split leaves no rows for training: the data has " + rows
                            + " rows, test takes " + spec.test() + " and validation " + spec.validation()
                            + ". Use smaller fractions or more data.");
        }
        return split;
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Fisher-Yates, as {@link java.util.Collections#shuffle} does it, without boxing. */
    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static final class IntBuffer {
        private int[] data = new int[16];
        private int size;

        void add(int[] from, int start, int end) {
            int count = end - start;
            if (size + count > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + count));
            }
            System.arraycopy(from, start, data, size, count);
            size += count;
        }

        int[] sorted() {
            int[] out = Arrays.copyOf(data, size);
            Arrays.sort(out);
            return out;
        }
    }
}
