package dev.quiver.serve.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns a JSON request body, {@code {"rows": [{col: value, ...}, ...]}} or {@code {"columns": {col: [values]}}},
 * into an Arrow batch of the features, each in the type the model was trained on. A missing column, a null cell
 * or a value of the wrong kind is an {@link ApiError} (400) naming the column and the 0-based row.
 *
 * <p>The one place JSON becomes Arrow: when the library gains a rows API ({@code FittedPipeline.predict(List<Map>)})
 * this class is what switches to it. Stateless; any thread.
 */
public final class JsonBatch {

    private JsonBatch() {}

    /** A new root owned by the caller, allocated from {@code allocator}, with one column per entry of {@code features}. */
    public static VectorSchemaRoot read(JsonNode body, List<Field> features, BufferAllocator allocator) {
        if (body == null || !body.isObject()) {
            throw new ApiError(
                    400,
                    "The body must be a JSON object with \"rows\" (a list of objects) or "
                            + "\"columns\" (an object of lists).");
        }
        JsonNode rows = body.get("rows");
        JsonNode columns = body.get("columns");
        if ((rows == null) == (columns == null)) {
            throw new ApiError(400, "The body must have exactly one of \"rows\" or \"columns\".");
        }
        List<List<JsonNode>> cells = rows != null ? fromRows(rows, features) : fromColumns(columns, features);
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < features.size(); c++) {
                vectors.add(vector(features.get(c), cells.get(c), allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        int count = cells.isEmpty() ? 0 : cells.get(0).size();
        VectorSchemaRoot root = new VectorSchemaRoot(new Schema(features), vectors, count);
        root.setRowCount(count);
        return root;
    }

    private static List<List<JsonNode>> fromRows(JsonNode rows, List<Field> features) {
        if (!rows.isArray()) {
            throw new ApiError(400, "\"rows\" must be a list of objects.");
        }
        List<List<JsonNode>> cells = new ArrayList<>();
        features.forEach(f -> cells.add(new ArrayList<>()));
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            if (!row.isObject()) {
                throw new ApiError(400, "row " + r + " is not a JSON object.", null, r);
            }
            for (int c = 0; c < features.size(); c++) {
                String name = features.get(c).getName();
                JsonNode cell = row.get(name);
                if (cell == null) {
                    throw new ApiError(400, "row " + r + " has no column '" + name + "'.", name, r);
                }
                cells.get(c).add(cell);
            }
        }
        return cells;
    }

    private static List<List<JsonNode>> fromColumns(JsonNode columns, List<Field> features) {
        if (!columns.isObject()) {
            throw new ApiError(400, "\"columns\" must be an object of lists.");
        }
        List<List<JsonNode>> cells = new ArrayList<>();
        int count = -1;
        String first = null;
        for (Field f : features) {
            JsonNode column = columns.get(f.getName());
            if (column == null) {
                throw new ApiError(400, "column '" + f.getName() + "' is missing.", f.getName(), -1);
            }
            if (!column.isArray()) {
                throw new ApiError(400, "column '" + f.getName() + "' is not a list.", f.getName(), -1);
            }
            if (count >= 0 && column.size() != count) {
                throw new ApiError(
                        400,
                        "column '" + f.getName() + "' has " + column.size() + " values but '" + first + "' has " + count
                                + ".",
                        f.getName(),
                        -1);
            }
            count = column.size();
            first = f.getName();
            List<JsonNode> values = new ArrayList<>();
            column.forEach(values::add);
            cells.add(values);
        }
        return cells;
    }

    private static FieldVector vector(Field field, List<JsonNode> cells, BufferAllocator allocator) {
        FieldVector vector = field.createVector(allocator);
        try {
            vector.setInitialCapacity(cells.size());
            vector.allocateNew();
            for (int r = 0; r < cells.size(); r++) {
                set(vector, r, cells.get(r), field.getName());
            }
            vector.setValueCount(cells.size());
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    private static void set(FieldVector vector, int row, JsonNode cell, String column) {
        if (cell.isNull()) {
            throw new ApiError(400, "row " + row + " column '" + column + "' is null.", column, row);
        }
        if (vector instanceof Float8Vector v) {
            v.set(row, number(cell, row, column));
        } else if (vector instanceof Float4Vector v) {
            v.set(row, (float) number(cell, row, column));
        } else if (vector instanceof BigIntVector v) {
            v.set(row, integer(cell, row, column));
        } else if (vector instanceof IntVector v) {
            long value = integer(cell, row, column);
            if (value != (int) value) {
                throw wrongKind(cell, row, column, "a 32-bit integer");
            }
            v.set(row, (int) value);
        } else if (vector instanceof BitVector v) {
            if (!cell.isBoolean()) {
                throw wrongKind(cell, row, column, "true or false");
            }
            v.set(row, cell.booleanValue() ? 1 : 0);
        } else if (vector instanceof VarCharVector v) {
            if (!cell.isTextual()) {
                throw wrongKind(cell, row, column, "text");
            }
            v.setSafe(row, cell.textValue().getBytes(StandardCharsets.UTF_8));
        } else {
            throw new ApiError(
                    400,
                    "column '" + column + "' has the type " + vector.getField().getType()
                            + ", which JSON requests cannot fill; send an Arrow stream.",
                    column,
                    row);
        }
    }

    private static double number(JsonNode cell, int row, String column) {
        if (!cell.isNumber()) {
            throw wrongKind(cell, row, column, "a number");
        }
        return cell.doubleValue();
    }

    private static long integer(JsonNode cell, int row, String column) {
        if (!cell.isIntegralNumber() || !cell.canConvertToLong()) {
            throw wrongKind(cell, row, column, "an integer");
        }
        return cell.longValue();
    }

    private static ApiError wrongKind(JsonNode cell, int row, String column, String expected) {
        String shown = cell.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "...";
        }
        return new ApiError(
                400, "row " + row + " column '" + column + "': " + shown + " is not " + expected + ".", column, row);
    }

    /** The feature fields of the training schema, in the pipeline's feature order. */
    public static List<Field> featureFields(Schema inputSchema, List<String> features) {
        List<Field> fields = new ArrayList<>();
        for (String f : features) {
            fields.add(inputSchema.findField(f));
        }
        return fields;
    }
}
