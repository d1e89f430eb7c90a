package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transforms that learn statistics of numeric columns refuse infinite values, as scikit-learn does: a mean, a
 * variance or a range with an infinity in it would silently turn the whole column into NaN.
 */
@ExtendWith(LeakCheckExtension.class)
class InfiniteValuesTest {

    /** The infinity sits in row 4 of 5, in the second batch of two rows, so row numbers must span batches. */
    private static final TableData TABLE = TableData.builder()
            .doubles("x", 1.0, 2.0, 3.0, Double.NEGATIVE_INFINITY, 5.0)
            .strings("label", "a", "b", "a", "b", "a")
            .build()
            .withBatchSize(2);

    @Test
    void everyLearningTransformNamesTheRowAndColumn(BufferAllocator allocator) {
        List<Case> cases = List.of(
                new Case(new StandardizeFactory(), MapConfig.of()),
                new Case(new MinMaxFactory(), MapConfig.of()),
                new Case(new ImputeFactory(), MapConfig.of("strategy", "mean")),
                new Case(new ImputeFactory(), MapConfig.of("strategy", "median")),
                new Case(new ImputeFactory(), MapConfig.of("strategy", "most-frequent")));
        for (Case c : cases) {
            QuiverException e = assertThrows(QuiverException.class, () -> c.factory()
                    .create(c.config(), new TestContext())
                    .fit(TABLE, Fitting.columns(TABLE), allocator));
            assertEquals(ErrorCode.DATA, e.code(), c.toString());
            assertTrue(
                    e.getMessage().contains(":4 column 'x': the value -Infinity cannot be learned from"),
                    c + ": " + e.getMessage());
        }
    }

    @Test
    void finiteValuesWhoseStatisticsOverflowAreNamedNotTakenForAConstantColumn(BufferAllocator allocator) {
        TableData huge = TableData.builder().doubles("x", 1e308, -1e308, 1e308).build();
        QuiverException standardize = assertThrows(QuiverException.class, () -> new StandardizeFactory()
                .create(MapConfig.of(), new TestContext())
                .fit(huge, Fitting.columns(huge), allocator));
        assertEquals(ErrorCode.DATA, standardize.code());
        assertTrue(
                standardize
                        .getMessage()
                        .endsWith(" column 'x': the values are too large for standardize: their "
                                + "variance overflows float64; divide the column by a power of ten first."),
                standardize.getMessage());
        TableData sum = TableData.builder().doubles("x", 1e308, 1e308).build();
        QuiverException mean = assertThrows(QuiverException.class, () -> new StandardizeFactory()
                .create(MapConfig.of(), new TestContext())
                .fit(sum, Fitting.columns(sum), allocator));
        assertTrue(mean.getMessage().contains("their mean overflows float64"), mean.getMessage());
        QuiverException minMax = assertThrows(QuiverException.class, () -> new MinMaxFactory()
                .create(MapConfig.of(), new TestContext())
                .fit(huge, Fitting.columns(huge), allocator));
        assertTrue(
                minMax.getMessage()
                        .endsWith(" column 'x': the values are too large for min-max: the range "
                                + "-1.0E308 to 1.0E308 overflows float64; divide the column by a power of ten first."),
                minMax.getMessage());
    }

    private record Case(TransformFactory factory, MapConfig config) {}
}
