package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Builds the Arrow batch of a row-path predict: the {@link FittedPipeline#featureNames()} columns in the types
 * of the saved input schema, filled from Java values. Checks each value's type against its column and reports
 * a mistake naming the row and column; missing cells become nulls, which predict then judges as the Arrow path
 * does (an impute transform may fill them). Stateless; the returned root belongs to the caller.
 */
final class RowBatch {

    private RowBatch() {}

    static VectorSchemaRoot fromRows(List<? extends Map<String, ?>> rows, FittedPipeline pipeline, BufferAllocator a) {
        List<String> names = pipeline.featureNames();
        List<List<?>> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(new AbstractList<Object>() {
                @Override
                public Object get(int row) {
                    Map<String, ?> values = rows.get(row);
                    if (values == null || !values.containsKey(name)) {
                        throw new QuiverException(
                                ErrorCode.DATA,
                                "row " + row + " has no column '" + name + "'; the model '" + pipeline.name()
                                        + "' needs " + names + (values == null ? " (the row is null)" : ""));
                    }
                    return values.get(name);
                }

                @Override
                public int size() {
                    return rows.size();
                }
            });
        }
        return build(pipeline, columns, rows.size(), a);
    }

    static VectorSchemaRoot fromColumns(Map<String, ?> given, FittedPipeline pipeline, BufferAllocator a) {
        List<String> names = pipeline.featureNames();
        List<List<?>> columns = new ArrayList<>();
        int rows = -1;
        String first = null;
        for (String name : names) {
            if (!given.containsKey(name)) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "The input has no column '" + name + "', which the model '" + pipeline.name()
                                + "' needs. Its columns are " + List.copyOf(given.keySet()) + "; the model needs "
                                + names + ".");
            }
            List<?> column = asList(name, given.get(name));
            if (rows >= 0 && column.size() != rows) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "column '" + name + "' has " + column.size() + " values but column '" + first + "' has " + rows
                                + "; every column needs one value per row");
            }
            if (rows < 0) {
                rows = column.size();
                first = name;
            }
            columns.add(column);
        }
        return build(pipeline, columns, Math.max(rows, 0), a);
    }

    static VectorSchemaRoot fromMatrix(double[][] rows, FittedPipeline pipeline, BufferAllocator a) {
        List<String> names = pipeline.featureNames();
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != names.size()) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "row " + r + " has " + (rows[r] == null ? "no values (null)" : rows[r].length + " values")
                                + " but the model '" + pipeline.name() + "' needs " + names.size() + ", one per "
                                + "feature in this order: " + names);
            }
        }
        List<List<?>> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            int column = c;
            columns.add(new AbstractList<Object>() {
                @Override
                public Object get(int row) {
                    return rows[row][column];
                }

                @Override
                public int size() {
                    return rows.length;
                }
            });
        }
        return build(pipeline, columns, rows.length, a);
    }

    private static VectorSchemaRoot build(
            FittedPipeline pipeline, List<List<?>> columns, int rows, BufferAllocator allocator) {
        List<String> names = pipeline.featureNames();
        List<FieldVector> vectors = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        try {
            for (int c = 0; c < names.size(); c++) {
                Field trained = trainedField(pipeline, names.get(c));
                Field field = new Field(
                        trained.getName(), new FieldType(true, trained.getType(), null), trained.getChildren());
                FieldVector vector = field.createVector(allocator);
                vectors.add(vector);
                fields.add(field);
                vector.setInitialCapacity(rows);
                vector.allocateNew();
                List<?> values = columns.get(c);
                for (int r = 0; r < rows; r++) {
                    Object value = values.get(r);
                    if (value != null) {
                        set(vector, r, value);
                    }
                }
                vector.setValueCount(rows);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(fields, vectors, rows);
    }

    private static Field trainedField(FittedPipeline pipeline, String name) {
        return pipeline.inputSchema().getFields().stream()
                .filter(f -> f.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Sets one non-null cell, or throws naming row, column, the trained type and the value's. */
    private static void set(FieldVector vector, int row, Object value) {
        if (vector instanceof VarCharVector text) {
            if (!(value instanceof CharSequence chars)) {
                throw wrongType(vector, row, value, "text");
            }
            text.setSafe(row, chars.toString().getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof BitVector bits) {
            if (!(value instanceof Boolean b)) {
                throw wrongType(vector, row, value, "true or false");
            }
            bits.setSafe(row, b ? 1 : 0);
        } else if (value instanceof Number n && !(value instanceof Boolean)) {
            setNumber(vector, row, n);
        } else {
            throw wrongType(vector, row, value, "a number");
        }
    }

    private static void setNumber(FieldVector vector, int row, Number n) {
        if (vector instanceof Float8Vector v) {
            v.setSafe(row, n.doubleValue());
            return;
        }
        if (vector instanceof Float4Vector v) {
            v.setSafe(row, n.floatValue());
            return;
        }
        long whole = wholeNumber(vector, row, n);
        if (vector instanceof BigIntVector v) {
            v.setSafe(row, whole);
        } else if (vector instanceof IntVector v && whole == (int) whole) {
            v.setSafe(row, (int) whole);
        } else if (vector instanceof SmallIntVector v && whole == (short) whole) {
            v.setSafe(row, (short) whole);
        } else if (vector instanceof TinyIntVector v && whole == (byte) whole) {
            v.setSafe(row, (byte) whole);
        } else {
            throw wrongType(vector, row, n, "a number that fits");
        }
    }

    private static long wholeNumber(FieldVector vector, int row, Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > 0x1p53) {
            throw wrongType(vector, row, n, "a whole number");
        }
        return (long) d;
    }

    private static QuiverException wrongType(FieldVector vector, int row, Object value, String expected) {
        String shown = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
        return new QuiverException(
                ErrorCode.DATA,
                "row " + row + " column '" + vector.getName() + "': expected " + expected + " (the model was trained"
                        + " on " + vector.getField().getType() + " here), got "
                        + value.getClass().getSimpleName()
                        + " " + shown);
    }

    /** A column value of {@link FittedPipeline#predictColumns} as a list of cells. */
    private static List<?> asList(String name, Object column) {
        if (column instanceof List<?> list) {
            return list;
        }
        if (column instanceof Object[] array) {
            return java.util.Arrays.asList(array);
        }
        if (column instanceof double[] d) {
            return new AbstractList<Object>() {
                @Override
                public Object get(int i) {
                    return d[i];
                }

                @Override
                public int size() {
                    return d.length;
                }
            };
        }
        if (column instanceof float[] f) {
            return new AbstractList<Object>() {
                @Override
                public Object get(int i) {
                    return f[i];
                }

                @Override
                public int size() {
                    return f.length;
                }
            };
        }
        if (column instanceof long[] l) {
            return java.util.Arrays.stream(l).boxed().toList();
        }
        if (column instanceof int[] i) {
            return java.util.Arrays.stream(i).boxed().toList();
        }
        if (column instanceof boolean[] b) {
            List<Boolean> out = new ArrayList<>(b.length);
            for (boolean v : b) {
                out.add(v);
            }
            return out;
        }
        throw new QuiverException(
                ErrorCode.DATA,
                "column '" + name + "' is a "
                        + (column == null ? "null" : column.getClass().getSimpleName())
                        + "; give a double[], float[], long[], int[], boolean[], Object[] or List of its values");
    }
}
