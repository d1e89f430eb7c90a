package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.api.model.ClassLabels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Per-column statistics that merge exactly across tasks, what {@code impute} and {@code one-hot} are fitted from:
 * a numeric column's moments (its mean), a numeric column's count per value (its most frequent value), or a
 * column's count per label as {@link ClassLabels#labelOf} spells it (text's most frequent value, one-hot's
 * categories). Missing cells are skipped; an infinite number is a data error naming split and line, as the local
 * fit refuses it. Mutable; one task, or the driver's merge.
 */
public final class ColumnTally implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What is kept of a column. */
    public enum Kind {
        MEAN,
        NUMBER_COUNTS,
        LABEL_COUNTS
    }

    private final List<String> columns;
    private final List<Kind> kinds;
    private final ColumnMoments moments;
    private final List<HashMap<Double, Long>> numbers = new ArrayList<>();
    private final List<HashMap<String, Long>> labels = new ArrayList<>();

    public ColumnTally(List<String> columns, List<Kind> kinds) {
        this.columns = List.copyOf(columns);
        this.kinds = List.copyOf(kinds);
        moments = new ColumnMoments(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            numbers.add(new HashMap<>());
            labels.add(new HashMap<>());
        }
    }

    /** Adds one batch's cells of every column. */
    public void add(VectorSchemaRoot root, BatchReader reader, SourceSplit split) {
        int rows = root.getRowCount();
        double[] values = new double[rows];
        for (int c = 0; c < columns.size(); c++) {
            FieldVector column = ArrowColumns.vector(root, columns.get(c));
            if (kinds.get(c) == Kind.LABEL_COUNTS) {
                for (int r = 0; r < rows; r++) {
                    String label = ClassLabels.labelOf(column, r);
                    if (label != null) {
                        labels.get(c).merge(label, 1L, Long::sum);
                    }
                }
                continue;
            }
            ArrowColumns.copyDoubles(column, values, 0, 1);
            for (int r = 0; r < rows; r++) {
                if (Double.isInfinite(values[r])) {
                    throw new QuiverException(
                            ErrorCode.DATA,
                            split.describe() + (reader.line(r) > 0 ? ", line " + reader.line(r) : "") + " column '"
                                    + columns.get(c) + "': the value " + values[r]
                                    + " cannot be learned from; replace or drop infinite values before this"
                                    + " transform.");
                }
            }
            if (kinds.get(c) == Kind.MEAN) {
                moments.add(c, values, 0, 1, rows);
            } else {
                for (int r = 0; r < rows; r++) {
                    if (!Double.isNaN(values[r])) {
                        numbers.get(c).merge(values[r] + 0.0, 1L, Long::sum); // -0.0 and 0.0 are one value
                    }
                }
            }
        }
    }

    public ColumnTally merge(ColumnTally other) {
        moments.merge(other.moments);
        for (int c = 0; c < columns.size(); c++) {
            Map<Double, Long> into = numbers.get(c);
            other.numbers.get(c).forEach((v, n) -> into.merge(v, n, Long::sum));
            Map<String, Long> labelsInto = labels.get(c);
            other.labels.get(c).forEach((v, n) -> labelsInto.merge(v, n, Long::sum));
        }
        return this;
    }

    /** Column {@code c}'s mean, or NaN when it had no values. */
    public double mean(int c) {
        return moments.count(c) == 0 ? Double.NaN : moments.mean(c);
    }

    /** Column {@code c}'s count per value. */
    public Map<Double, Long> numberCounts(int c) {
        return Map.copyOf(numbers.get(c));
    }

    /** Column {@code c}'s count per label. */
    public Map<String, Long> labelCounts(int c) {
        return Map.copyOf(labels.get(c));
    }
}
