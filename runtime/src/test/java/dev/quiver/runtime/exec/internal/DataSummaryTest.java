package dev.quiver.runtime.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.runtime.report.ColumnSummary;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TableData;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report's per-column moments, merged batch by batch, against a two-pass computation over all the values at
 * once: a large offset (1e6, tiny spread) is where a naive sum of squares loses every digit, and nulls and NaN in
 * both precisions are missing cells.
 */
@ExtendWith(LeakCheckExtension.class)
class DataSummaryTest {

    private static final int ROWS = 10_000;

    @Test
    void momentsMergedPerBatchEqualATwoPassComputationAtAnyBatchSize(BufferAllocator allocator) {
        Double[] x = new Double[ROWS];
        Long[] n = new Long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i] = i % 97 == 0 ? null : i % 101 == 0 ? Double.NaN : 1e6 + Math.sin(i * 0.7) * 1e-3;
            n[i] = i % 89 == 0 ? null : (long) (i % 13) - 6;
        }
        TableData table = TableData.builder().doubles("x", x).longs("n", n).build();
        double[] reference = twoPass(x);
        for (int batchSize : new int[] {1024, 1, ROWS}) {
            List<ColumnSummary> summaries =
                    DataSummary.of(table.withBatchSize(batchSize), List.of("x", "n"), allocator);
            ColumnSummary sx = summaries.get(0);
            String at = "batch size " + batchSize;
            assertEquals(ROWS, sx.rows(), at);
            assertEquals((long) reference[4], sx.missing(), at);
            // 1e-8 is a hundred ulps of 1e6 (batch size 1 is Welford's update, rounding once per row); a naive sum of
            // squares would lose the whole 1e-3 spread, so six digits of the standard deviation say it did not
            assertEquals(reference[0], sx.mean(), 1e-8, at);
            assertEquals(reference[1], sx.std(), reference[1] * 1e-6, at);
            assertEquals(reference[2], sx.min(), 0.0, at);
            assertEquals(reference[3], sx.max(), 0.0, at);
            ColumnSummary sn = summaries.get(1);
            double[] longs = twoPass(Arrays.stream(n)
                    .map(v -> v == null ? null : v.doubleValue())
                    .toArray(Double[]::new));
            assertEquals((long) longs[4], sn.missing(), at);
            assertEquals(longs[0], sn.mean(), 1e-12, at);
            assertEquals(longs[1], sn.std(), longs[1] * 1e-12, at);
            assertEquals(-6.0, sn.min(), at);
            assertEquals(6.0, sn.max(), at);
        }
    }

    @Test
    void aColumnWithNoValueHasNoMoments(BufferAllocator allocator) {
        TableData table =
                TableData.builder().doubles("x", null, Double.NaN, null).build();
        ColumnSummary s =
                DataSummary.of(table.withBatchSize(2), List.of("x"), allocator).get(0);
        assertEquals(3, s.missing());
        assertEquals(Double.NaN, s.mean());
        assertEquals(Double.NaN, s.std());
        assertEquals(Double.NaN, s.min());
    }

    /** Mean, sample standard deviation, min, max and missing count of the present values, exactly (BigDecimal). */
    private static double[] twoPass(Double[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Double v : values) {
            if (v != null && !v.isNaN()) {
                sum = sum.add(new BigDecimal(v));
                count++;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
        BigDecimal squares = BigDecimal.ZERO;
        for (Double v : values) {
            if (v != null && !v.isNaN()) {
                BigDecimal d = new BigDecimal(v).subtract(mean);
                squares = squares.add(d.multiply(d));
            }
        }
        double variance = squares.divide(BigDecimal.valueOf(count - 1), MathContext.DECIMAL128)
                .doubleValue();
        return new double[] {mean.doubleValue(), Math.sqrt(variance), min, max, values.length - count};
    }
}
