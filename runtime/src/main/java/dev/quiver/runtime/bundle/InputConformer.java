package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Brings the feature columns of a predict batch to the types of the training schema, as the transforms and the
 * model expect them: an integer column where float64 was trained is widened, digits where text was trained
 * become text, text where numbers were trained is parsed (a cell that is not a number is a row problem, not a
 * crash). A type that cannot be converted at all is a {@link ErrorCode#DATA} error naming the column.
 * Stateless.
 */
final class InputConformer {

    private InputConformer() {}

    /**
     * A root with {@code shared}'s columns, each feature column of another type than {@code trained} replaced by
     * a converted copy (the replaced vector is closed). Takes ownership of {@code shared}'s vectors.
     */
    static VectorSchemaRoot conform(
            VectorSchemaRoot shared,
            Schema trained,
            List<String> features,
            RowProblems problems,
            BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(shared.getFieldVectors());
        List<Field> fields = new ArrayList<>(shared.getSchema().getFields());
        try {
            for (int i = 0; i < vectors.size(); i++) {
                FieldVector v = vectors.get(i);
                if (!features.contains(v.getName())) {
                    continue;
                }
                Field want = field(trained, v.getName());
                if (want == null || want.getType().equals(v.getField().getType())) {
                    continue;
                }
                FieldVector converted = convert(v, want, shared.getRowCount(), problems, allocator);
                v.close();
                vectors.set(i, converted);
                fields.set(i, converted.getField());
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(fields, vectors, shared.getRowCount());
    }

    private static FieldVector convert(
            FieldVector from, Field want, int rows, RowProblems problems, BufferAllocator allocator) {
        String column = from.getName();
        boolean toText = want.getType().getTypeID() == ArrowType.ArrowTypeID.Utf8;
        boolean toNumber = ArrowColumns.isNumeric(want);
        boolean fromText = from instanceof VarCharVector;
        boolean fromNumber = ArrowColumns.isNumeric(from.getField());
        if (!((toText && (fromNumber || fromText)) || (toNumber && (fromNumber || fromText)))) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "The input column '" + column + "' has type "
                            + from.getField().getType() + ", which cannot be converted to " + want.getType()
                            + ", the type the model was trained on.");
        }
        Field nullable = new Field(
                want.getName(), new org.apache.arrow.vector.types.pojo.FieldType(true, want.getType(), null), null);
        FieldVector to = nullable.createVector(allocator);
        try {
            to.setInitialCapacity(rows);
            to.allocateNew();
            for (int r = 0; r < rows; r++) {
                if (from.isNull(r)) {
                    continue;
                }
                if (toText) {
                    ((VarCharVector) to).setSafe(r, text(from, r).getBytes(StandardCharsets.UTF_8));
                } else {
                    // Not a ternary: mixing Double and double would unbox the null of an unreadable cell.
                    Double value;
                    if (fromText) {
                        value = parse(from, r, want, column, problems);
                    } else {
                        value = ArrowColumns.getDouble(from, r);
                    }
                    if (value != null && fits(value, want, r, column, problems)) {
                        setNumber(to, r, value);
                    }
                }
            }
            to.setValueCount(rows);
            return to;
        } catch (RuntimeException e) {
            to.close();
            throw e;
        }
    }

    private static String text(FieldVector from, int row) {
        if (from instanceof VarCharVector text) {
            return new String(text.get(row), StandardCharsets.UTF_8);
        }
        double d = ArrowColumns.getDouble(from, row);
        // Integers print without ".0", as a CSV holding the training categories spelled them.
        return d == Math.rint(d)
                        && Math.abs(d) < 1e15
                        && from.getField().getType().getTypeID() != ArrowType.ArrowTypeID.FloatingPoint
                ? Long.toString((long) d)
                : from.getObject(row).toString();
    }

    private static Double parse(FieldVector from, int row, Field want, String column, RowProblems problems) {
        String text = new String(((VarCharVector) from).get(row), StandardCharsets.UTF_8).strip();
        if (want.getType().getTypeID() == ArrowType.ArrowTypeID.Bool) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "1":
                    return 1.0;
                case "false", "0":
                    return 0.0;
                default:
                    problems.flag(row, column, "'" + text + "' is not true or false");
                    return null;
            }
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            problems.flag(row, column, "'" + text + "' is not a number (the model was trained on numbers here)");
            return null;
        }
    }

    private static boolean fits(double value, Field want, int row, String column, RowProblems problems) {
        if (want.getType() instanceof ArrowType.Int && Double.isFinite(value) && value != Math.rint(value)) {
            problems.flag(row, column, value + " is not a whole number (the model was trained on integers here)");
            return false;
        }
        return true;
    }

    private static void setNumber(FieldVector to, int row, double value) {
        if (to instanceof Float8Vector v) {
            v.setSafe(row, value);
        } else if (to instanceof Float4Vector v) {
            v.setSafe(row, (float) value);
        } else if (to instanceof BigIntVector v) {
            v.setSafe(row, (long) value);
        } else if (to instanceof IntVector v) {
            v.setSafe(row, (int) value);
        } else if (to instanceof SmallIntVector v) {
            v.setSafe(row, (short) value);
        } else if (to instanceof TinyIntVector v) {
            v.setSafe(row, (byte) value);
        } else if (to instanceof BitVector v) {
            v.setSafe(row, value != 0 ? 1 : 0);
        } else {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "The input column '" + to.getName() + "' cannot be converted to "
                            + to.getField().getType() + ", the type the model was trained on.");
        }
    }

    private static Field field(Schema schema, String name) {
        for (Field f : schema.getFields()) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
