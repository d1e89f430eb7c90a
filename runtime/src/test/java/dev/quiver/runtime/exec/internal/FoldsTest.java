package dev.quiver.runtime.exec.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldsTest {

    private static final int[] GOLDEN_FOLD = {0, 4, 7, 8, 9};

    @Test
    void foldsPartitionTheRowsWithSizesWithinOne() {
        int[][] folds = Folds.assign(23, 5, 42, null);
        assertEquals(5, folds.length);
        assertArrayEquals(
                new int[] {5, 5, 5, 4, 4},
                Arrays.stream(folds).mapToInt(f -> f.length).toArray());
        boolean[] seen = new boolean[23];
        for (int[] fold : folds) {
            int[] sorted = fold.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, fold, "each fold is in storage order");
            for (int r : fold) {
                assertFalse(seen[r], "row " + r + " is in two folds");
                seen[r] = true;
            }
        }
        for (int r = 0; r < 23; r++) {
            assertTrue(seen[r], "row " + r + " is in no fold");
        }
    }

    @Test
    void foldsAreShuffledAndDeterministicPerSeed() {
        int[][] a = Folds.assign(100, 4, 7, null);
        assertTrue(Arrays.deepEquals(a, Folds.assign(100, 4, 7, null)), "same seed, same folds");
        assertFalse(Arrays.deepEquals(a, Folds.assign(100, 4, 8, null)), "another seed, other folds");
        int[] contiguous = new int[25];
        Arrays.setAll(contiguous, i -> i);
        assertFalse(Arrays.equals(contiguous, a[0]), "rows are shuffled, not cut in blocks");
        // java.util.Random's sequence is specified, so these rows are the same on every JVM and release
        assertArrayEquals(GOLDEN_FOLD, Folds.assign(10, 2, 42, null)[0]);
    }

    @Test
    void stratifiedFoldsKeepEveryClassProportionWithinOneRow() {
        String[] labels = new String[90];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = r < 60 ? "a" : r < 81 ? "b" : "c"; // 60 / 21 / 9
        }
        int[][] folds = Folds.assign(labels.length, 3, 1, labels);
        for (int[] fold : folds) {
            assertEquals(30, fold.length);
            Map<String, Integer> counts = new HashMap<>();
            for (int r : fold) {
                counts.merge(labels[r], 1, Integer::sum);
            }
            assertEquals(20, counts.get("a"));
            assertEquals(7, counts.get("b"));
            assertEquals(3, counts.get("c"));
        }
    }

    @Test
    void stratifiedFoldsOfUnevenClassesStillDifferInSizeByAtMostOne() {
        String[] labels = {"x", "x", "x", "y", "y", "z", "x", "y", "x", "z", "x"};
        int[][] folds = Folds.assign(labels.length, 3, 5, labels);
        int min = Arrays.stream(folds).mapToInt(f -> f.length).min().orElseThrow();
        int max = Arrays.stream(folds).mapToInt(f -> f.length).max().orElseThrow();
        assertTrue(max - min <= 1, Arrays.deepToString(folds));
        for (int[] fold : folds) {
            long xs = Arrays.stream(fold).filter(r -> labels[r].equals("x")).count();
            assertEquals(2, xs, "six x rows over three folds: two each");
        }
    }

    @Test
    void complementIsTheFoldsTrainingRows() {
        assertArrayEquals(new int[] {0, 2, 4, 5}, Folds.complement(6, new int[] {1, 3}));
    }

    @Test
    void fewerRowsThanFoldsIsADataError() {
        QuiverException e = assertThrows(QuiverException.class, () -> Folds.assign(3, 5, 42, null));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(
                "Cross-validation with 5 folds needs at least 5 training rows, but there are 3. Use fewer "
                        + "folds or more data.",
                e.getMessage());
    }
}
