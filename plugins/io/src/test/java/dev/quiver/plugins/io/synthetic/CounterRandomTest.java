package dev.quiver.plugins.io.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CounterRandomTest {

    private static final int N = 2_000_000;

    /**
     * Two-sided tail probabilities {@code P(|Z| > t)} of the standard normal, from Python's
     * {@code math.erfc(t / math.sqrt(2))}; 3.6541... is where the ziggurat's tail path begins.
     */
    private static final double[][] TAILS = {
        {0.5, 0.6170750774519738},
        {1, 0.31731050786291415},
        {2, 0.04550026389635844},
        {3, 0.0026997960632601913},
        {3.6541528853610088, 0.0002580324876539013},
        {4.5, 6.795346249460123e-06},
    };

    @Test
    void valuesFollowTheStandardNormalIncludingItsTails() {
        double[] values = new double[N];
        CounterRandom.gaussians(CounterRandom.stream(3, 9), 0, 1, values, N);
        double sum = 0;
        double squares = 0;
        double fourth = 0;
        for (double v : values) {
            sum += v;
            squares += v * v;
            fourth += v * v * v * v;
        }
        assertEquals(0, sum / N, 4 / Math.sqrt(N));
        assertEquals(1, squares / N, 4 * Math.sqrt(2.0 / N));
        assertEquals(3, fourth / N, 4 * Math.sqrt(96.0 / N));
        for (double[] tail : TAILS) {
            long beyond = 0;
            for (double v : values) {
                if (Math.abs(v) > tail[0]) {
                    beyond++;
                }
            }
            double expected = tail[1] * N;
            double sigma = Math.sqrt(expected * (1 - tail[1]));
            assertEquals(expected, (double) beyond, 5 * sigma + 1, "P(|Z| > " + tail[0] + ")");
        }
    }

    /**
     * A stream's values are pinned bit for bit: a digest of the first million (about 12,000 of them decided in the
     * wedges, a few hundred in the tail), recorded before the wedge test learned to skip most {@code exp} calls.
     */
    @Test
    void theFirstMillionValuesOfAStreamArePinned() throws NoSuchAlgorithmException {
        double[] values = new double[1_000_000];
        CounterRandom.gaussians(CounterRandom.stream(5, 2), 0, 1, values, values.length);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer cell = ByteBuffer.allocate(Long.BYTES);
        for (double v : values) {
            sha.update(cell.clear().putLong(Double.doubleToRawLongBits(v)).array());
        }
        assertEquals(
                "5319f19c69cebbd199be96dd378383f9fca764f03126e648e783b9656a66ba35",
                HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void aColumnReadWithAStrideEqualsTheValuesReadOneByOne() {
        long stream = CounterRandom.stream(11, 2);
        double[] column = new double[50_000];
        CounterRandom.gaussians(stream, 5, 7, column, column.length);
        boolean sawSlowPath = false;
        for (int i = 0; i < column.length; i++) {
            assertEquals(CounterRandom.gaussian(stream, 5 + 7L * i), column[i]);
            sawSlowPath |= Math.abs(column[i]) > 3.6541528853610088;
        }
        assertTrue(sawSlowPath, "the sample reaches the tail, so the slow path is compared too");
    }

    @Test
    void positionsAreIndependentOfTheOrderTheyAreReadIn() {
        long stream = CounterRandom.stream(1, 1);
        double[] forward = new double[1000];
        CounterRandom.gaussians(stream, 0, 1, forward, forward.length);
        for (int i = forward.length - 1; i >= 0; i--) {
            assertEquals(forward[i], CounterRandom.gaussian(stream, i));
        }
    }
}
