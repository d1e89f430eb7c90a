package dev.quiver.plugins.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ranking itself, below the metrics that guard its input: ties, NaN scores, one class. */
class BinaryRankingTest {

    @Test
    void aNaNScoreGivesNaNAreasAndStillCountsTheRows() {
        BinaryRanking ranking =
                BinaryRanking.of(new boolean[] {true, false, true}, new double[] {Double.NaN, 0.4, 0.9});
        assertTrue(Double.isNaN(ranking.rocAuc()));
        assertTrue(Double.isNaN(ranking.averagePrecision()));
        assertEquals(2, ranking.positives());
        assertEquals(1, ranking.negatives());
    }

    @Test
    void tiedScoresAreOneThresholdAndCountHalf() {
        BinaryRanking ranking =
                BinaryRanking.of(new boolean[] {true, false, true, false}, new double[] {0.5, 0.5, 0.5, 0.5});
        assertEquals(0.5, ranking.rocAuc());
        assertEquals(0.5, ranking.averagePrecision());
    }

    @Test
    void oneClassOnlyHasNoRocAuc() {
        BinaryRanking ranking = BinaryRanking.of(new boolean[] {true, true}, new double[] {0.2, 0.7});
        assertTrue(Double.isNaN(ranking.rocAuc()));
        assertEquals(1.0, ranking.averagePrecision());
    }
}
