package dev.quiver.plugins.metrics.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the scikit-learn goldens cannot show: row counts whose pair products overflow a long. */
class AdjustedRandTest {

    @Test
    void aMillionRowsAgreeWithTheChooseTwoFormula() {
        int n = 1_000_000;
        double[] truth = new double[n];
        double[] cluster = new double[n];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            truth[i] = i % 5;
            cluster[i] = random.nextInt(10) < 7 ? (i % 5 + 2) % 5 : random.nextInt(6);
        }
        // Hubert and Arabie's form in doubles: about 1e-15 relative error at this size, far from overflow.
        double[][] table = new double[5][6];
        for (int i = 0; i < n; i++) {
            table[(int) truth[i]][(int) cluster[i]]++;
        }
        double cells = 0;
        double[] rows = new double[5];
        double[] columns = new double[6];
        for (int t = 0; t < 5; t++) {
            for (int c = 0; c < 6; c++) {
                cells += choose2(table[t][c]);
                rows[t] += table[t][c];
                columns[c] += table[t][c];
            }
        }
        double a = 0;
        double b = 0;
        for (double r : rows) {
            a += choose2(r);
        }
        for (double c : columns) {
            b += choose2(c);
        }
        double expected = a * b / choose2(n);
        double reference = (cells - expected) / ((a + b) / 2 - expected);
        double value = AdjustedRand.of(truth, cluster);
        assertEquals(reference, value, 1e-12);
        assertEquals(0.51, value, 0.01, "0.7 of the points kept in their group, relabelled, the rest at random");
    }

    @Test
    void labelingsOfDifferentLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AdjustedRand.of(new double[2], new double[3]));
    }

    private static double choose2(double n) {
        return n * (n - 1) / 2;
    }
}
