package dev.quiver.engine.data;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.TrainingData;

/**
 * The data errors for a training cell the engine cannot learn from: missing, infinite, or finite but beyond the
 * range its arithmetic holds (float32 for gradient descent, a float64 square for least squares). Each names the
 * data ({@link TrainingData#describe()}), the row's line when the reader knows it (else its 1-based row), and
 * the column. Stateless.
 */
public final class BadCells {

    /** The largest magnitude whose square is still a finite double (least squares sums squares and products). */
    public static final double SQUARE_LIMIT = Math.sqrt(Double.MAX_VALUE);

    private static final String ADVICE = "; the engine's models need every feature and target present: drop or "
            + "impute such rows with a transform before training.";

    private BadCells() {}

    /**
     * The error for {@code value}, the cell of {@code column} in row {@code batchRow} of {@code reader}'s current
     * batch, after {@code rowsBefore} rows of earlier batches. {@code limit} names the arithmetic a finite value
     * overflowed ({@code "float32"}), or is null when the value itself is missing or infinite.
     */
    static QuiverException of(
            TrainingData data,
            BatchReader reader,
            int batchRow,
            long rowsBefore,
            String column,
            double value,
            String limit) {
        long line = reader.line(batchRow);
        String what;
        if (Double.isNaN(value)) {
            what = "is empty (or not a number)" + ADVICE;
        } else if (Double.isInfinite(value)) {
            what = "is infinite" + ADVICE;
        } else {
            what = "the value " + value + " overflows " + limit + "; rescale the column (for example divide it "
                    + "by a power of ten) before training.";
        }
        if (line > 0) {
            return QuiverException.data(data.describe(), line, column, what);
        }
        return QuiverException.data(data.describe(), 0, column, "row " + (rowsBefore + batchRow + 1) + " " + what);
    }
}
