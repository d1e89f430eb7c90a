package dev.quiver.runtime.exec.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.ClassLabels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The classes of a classification target: its distinct label texts ({@link ClassLabels#labelOf}), sorted in
 * numeric order for numeric targets and in text order otherwise. Stateless.
 */
public final class ClassSet {

    private ClassSet() {}

    /** The sorted distinct labels among {@code labels}; an empty cell is a data error naming its row. */
    public static List<String> of(String[] labels, ArrowType type, String source, String column) {
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] == null) {
                throw emptyTarget(source, r, column);
            }
            seen.add(labels[r]);
        }
        return sorted(seen, type);
    }

    /** One pass over {@code column} of {@code source}, for sources that are not held in memory. */
    public static List<String> scan(Source source, String column, BufferAllocator allocator, Runnable onBatch) {
        Set<String> seen = new HashSet<>();
        ArrowType type = null;
        long row = 0;
        try (BatchReader reader = source.open(allocator)) {
            while (reader.loadNextBatch()) {
                onBatch.run();
                FieldVector v = reader.root().getVector(column);
                type = v.getField().getType();
                for (int r = 0; r < reader.root().getRowCount(); r++, row++) {
                    String label = ClassLabels.labelOf(v, r);
                    if (label == null) {
                        throw emptyTarget(source.describe(), row, column);
                    }
                    seen.add(label);
                }
            }
        }
        return sorted(seen, type);
    }

    private static QuiverException emptyTarget(String source, long row, String column) {
        return QuiverException.data(
                source,
                0,
                column,
                "the target is empty in row " + (row + 1) + " of the data; "
                        + "drop or impute rows without a label before training a classifier.");
    }

    /**
     * {@code labels} in class order: numeric order for an integer or floating-point target {@code type}, text order
     * otherwise (public so that an execution engine that collects labels on its workers orders them alike).
     */
    public static List<String> sorted(Set<String> labels, ArrowType type) {
        List<String> out = new ArrayList<>(labels);
        boolean numeric = type != null
                && (type.getTypeID() == ArrowType.ArrowTypeID.Int
                        || type.getTypeID() == ArrowType.ArrowTypeID.FloatingPoint);
        out.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        return out;
    }
}
