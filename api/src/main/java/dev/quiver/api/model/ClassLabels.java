package dev.quiver.api.model;

import dev.quiver.api.QuiverException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The bridge between a classification target column and class indices, shared by every classifier so they all
 * read labels and write predictions the same way.
 *
 * <p>Class {@code i} is {@code classes.get(i)}, the text of the label as {@link #labelOf} renders it (integers
 * without a decimal point, booleans as {@code true}/{@code false}, strings as they are). Predicted labels are
 * written back in the target's own Arrow type: a model trained on an int64 target predicts int64, on a string
 * target utf8; a floating-point target whose classes are whole numbers predicts int64, so that a prediction is
 * spelled as its class ("1", not "1.0") everywhere. Immutable and thread-safe.
 */
public final class ClassLabels {

    private final List<String> classes;
    private final ArrowType targetType;
    private final Map<String, Integer> index = new HashMap<>();

    public ClassLabels(List<String> classes, ArrowType targetType) {
        this.classes = List.copyOf(classes);
        this.targetType = targetType;
        for (int i = 0; i < this.classes.size(); i++) {
            index.put(this.classes.get(i), i);
        }
    }

    /** For a model being trained: the data's classes and the target's type. */
    public static ClassLabels of(TrainingData data) {
        Field target = data.target().orElseThrow(() -> new IllegalArgumentException("no target column"));
        return new ClassLabels(data.classes(), target.getType());
    }

    public List<String> classes() {
        return classes;
    }

    public int size() {
        return classes.size();
    }

    /** The Arrow type of the target, and so of predicted labels. */
    public ArrowType targetType() {
        return targetType;
    }

    /** The label text of a target cell, or null for a null cell. */
    public static String labelOf(FieldVector column, int row) {
        if (column.isNull(row)) {
            return null;
        }
        if (column instanceof VarCharVector v) {
            return new String(v.get(row), StandardCharsets.UTF_8);
        }
        if (column instanceof BaseIntVector v) {
            return Long.toString(v.getValueAsLong(row));
        }
        if (column instanceof BitVector v) {
            return v.get(row) == 1 ? "true" : "false";
        }
        if (column instanceof FloatingPointVector v) {
            double d = v.getValueAsDouble(row);
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        Object o = column.getObject(row);
        return o == null ? null : o.toString();
    }

    /**
     * The class index of a target cell.
     *
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#DATA}) for a null or a label not seen in training
     */
    public int indexOf(FieldVector column, int row) {
        String label = labelOf(column, row);
        Integer i = label == null ? null : index.get(label);
        if (i == null) {
            throw QuiverException.data(
                    "target",
                    row,
                    column.getName(),
                    label == null
                            ? "the target is empty in this row; drop or impute such rows before training"
                            : "label '" + label + "' is not one of the known classes " + classes);
        }
        return i;
    }

    private static boolean isWholeNumber(String label) {
        try {
            Long.parseLong(label);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The index of a label text, or -1. */
    public int indexOf(String label) {
        return index.getOrDefault(label, -1);
    }

    /** The field of the predicted-label column ({@link PredictionColumns#PREDICTION}) in the target's type. */
    public Field predictionField() {
        ArrowType type =
                switch (targetType.getTypeID()) {
                    case Int, Utf8, Bool -> targetType;
                    // A float target's classes are spelled as labelOf renders them ("0", "1"), so predictions of whole
                    // classes are int64 and print the same; a float column would print "1.0" beside a class "1".
                    case FloatingPoint ->
                        classes.stream().allMatch(ClassLabels::isWholeNumber)
                                ? new ArrowType.Int(64, true)
                                : targetType;
                    default -> ArrowType.Utf8.INSTANCE;
                };
        return new Field(PredictionColumns.PREDICTION, FieldType.notNullable(type), null);
    }

    /** A new, empty predicted-label vector of {@link #predictionField()}; the caller owns it. */
    public FieldVector newPredictionVector(BufferAllocator allocator, int rows) {
        FieldVector v = predictionField().createVector(allocator);
        v.setInitialCapacity(rows);
        v.allocateNew();
        return v;
    }

    /** Writes class {@code classIndex}'s label at {@code row} of a vector from {@link #newPredictionVector}. */
    public void setLabel(FieldVector vector, int row, int classIndex) {
        String label = classes.get(classIndex);
        if (vector instanceof VarCharVector v) {
            v.setSafe(row, label.getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(row, Long.parseLong(label));
        } else if (vector instanceof BaseIntVector v) {
            v.setWithPossibleTruncate(row, Long.parseLong(label));
        } else if (vector instanceof BitVector v) {
            v.setSafe(row, Boolean.parseBoolean(label) ? 1 : 0);
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(row, Double.parseDouble(label));
        } else if (vector instanceof FloatingPointVector v) {
            v.setWithPossibleTruncate(row, Double.parseDouble(label));
        } else {
            throw new IllegalStateException(
                    "unsupported label vector " + vector.getClass().getSimpleName());
        }
    }
}
