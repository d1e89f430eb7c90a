package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.exec.internal.Splitter;
import dev.quiver.runtime.pipeline.SplitSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitterTest {

    private static final SplitSpec TEST_20_VALIDATION_10 = new SplitSpec(0.2, 0.1, false, 0);

    @Test
    void partitionsEveryRowOnceInSortedSetsOfTheAskedSizes() {
        Splitter.Split s = Splitter.split(1000, TEST_20_VALIDATION_10, 7, null);
        assertEquals(200, s.test().length);
        assertEquals(100, s.validation().length);
        assertEquals(700, s.train().length);
        int[] all = IntStream.concat(
                        IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())),
                        Arrays.stream(s.test()))
                .sorted()
                .toArray();
        assertArrayEquals(IntStream.range(0, 1000).toArray(), all);
        for (int[] set : new int[][] {s.train(), s.validation(), s.test()}) {
            assertTrue(isSorted(set), "storage order");
        }
    }

    @Test
    void theSeedDecidesTheSplit() {
        Splitter.Split a = Splitter.split(500, TEST_20_VALIDATION_10, 42, null);
        Splitter.Split b = Splitter.split(500, TEST_20_VALIDATION_10, 42, null);
        Splitter.Split c = Splitter.split(500, TEST_20_VALIDATION_10, 43, null);
        assertArrayEquals(a.test(), b.test());
        assertArrayEquals(a.validation(), b.validation());
        assertFalse(Arrays.equals(a.test(), c.test()));
        // A fixed reference (Fisher-Yates over java.util.Random(42), whose sequence the JDK specifies, computed
        // by hand in jshell): the same split on every JVM and every Quiver version.
        assertArrayEquals(
                new int[] {1, 2, 4, 6},
                Splitter.split(10, new SplitSpec(0.4, 0, false, 0), 42, null).test());
    }

    @Test
    void stratifiedSplitsKeepClassProportions() {
        String[] labels = new String[300];
        for (int i = 0; i < 300; i++) {
            labels[i] = i < 200 ? "common" : i < 270 ? "less" : "rare";
        }
        Splitter.Split s = Splitter.split(300, TEST_20_VALIDATION_10, 3, labels);
        assertEquals(Map.of("common", 40, "less", 14, "rare", 6), counts(s.test(), labels));
        assertEquals(Map.of("common", 20, "less", 7, "rare", 3), counts(s.validation(), labels));
        assertEquals(Map.of("common", 140, "less", 49, "rare", 21), counts(s.train(), labels));
    }

    @Test
    void stratifiedSplitsKeepATrainingRowOfEveryClass() {
        String[] labels = {"a", "a", "a", "a", "b", "c", "c"};
        Splitter.Split s = Splitter.split(7, new SplitSpec(0.5, 0.4, true, 0), 1, labels);
        Map<String, Integer> train = counts(s.train(), labels);
        assertEquals(3, train.size(), "every class is in training: " + train);
    }

    @Test
    void noTrainingRowsLeftIsADataError() {
        QuiverException e = assertThrows(
                QuiverException.class, () -> Splitter.split(2, new SplitSpec(0.5, 0.5, false, 0), 1, null));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("no rows for training"), e.getMessage());
    }

    private static Map<String, Integer> counts(int[] rows, String[] labels) {
        Map<String, Integer> out = new HashMap<>();
        for (int r : rows) {
            out.merge(labels[r], 1, Integer::sum);
        }
        return out;
    }

    private static boolean isSorted(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i - 1] >= a[i]) {
                return false;
            }
        }
        return true;
    }
}
