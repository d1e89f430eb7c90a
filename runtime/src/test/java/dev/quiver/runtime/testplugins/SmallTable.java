package dev.quiver.runtime.testplugins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A whole small table held as Java values, for the test sources: column types are inferred from the values
 * (all whole numbers: int64; all numbers: float64; all booleans: bool; otherwise utf8). Immutable.
 */
final class SmallTable {

    private final List<String> names;
    private final List<List<Object>> columns;
    private final Schema schema;
    private final int rows;

    SmallTable(Map<String, List<Object>> data) {
        this.names = List.copyOf(data.keySet());
        this.columns = names.stream()
                .map(n -> data.get(n).stream().map(SmallTable::box).toList())
                .toList();
        this.rows = columns.isEmpty() ? 0 : columns.get(0).size();
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (columns.get(c).size() != rows) {
                throw new IllegalArgumentException(
                        "column " + names.get(c) + " has " + columns.get(c).size() + " values, expected " + rows);
            }
            fields.add(new Field(names.get(c), FieldType.nullable(infer(columns.get(c))), null));
        }
        this.schema = new Schema(fields);
    }

    /** Cells parsed from text, as a CSV reader sees them: empty is null. */
    static Object parse(String cell) {
        String s = cell.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException notDouble) {
                return s;
            }
        }
    }

    private static Object box(Object o) {
        return o instanceof Integer i ? Long.valueOf(i) : o;
    }

    private static ArrowType infer(List<Object> values) {
        boolean longs = true;
        boolean numbers = true;
        boolean bools = true;
        for (Object v : values) {
            if (v == null) {
                continue;
            }
            longs &= v instanceof Long;
            numbers &= v instanceof Number;
            bools &= v instanceof Boolean;
        }
        if (bools && !values.stream().allMatch(java.util.Objects::isNull)) {
            return ArrowType.Bool.INSTANCE;
        }
        if (longs) {
            return new ArrowType.Int(64, true);
        }
        if (numbers) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        }
        return ArrowType.Utf8.INSTANCE;
    }

    Schema schema() {
        return schema;
    }

    int rows() {
        return rows;
    }

    /** Fills {@code root} (of {@link #schema()}) with every row. */
    void fill(VectorSchemaRoot root) {
        for (int c = 0; c < names.size(); c++) {
            FieldVector vector = root.getVector(c);
            vector.allocateNew();
            List<Object> values = columns.get(c);
            for (int r = 0; r < rows; r++) {
                Object v = values.get(r);
                if (v == null) {
                    vector.setNull(r);
                } else if (vector instanceof BigIntVector big) {
                    big.setSafe(r, (Long) v);
                } else if (vector instanceof Float8Vector f8) {
                    f8.setSafe(r, ((Number) v).doubleValue());
                } else if (vector instanceof BitVector bit) {
                    bit.setSafe(r, (Boolean) v ? 1 : 0);
                } else {
                    ((VarCharVector) vector).setSafe(r, v.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            vector.setValueCount(rows);
        }
        root.setRowCount(rows);
    }

    /** A reader yielding the whole table as one batch. */
    OneBatchReader reader(BufferAllocator allocator) {
        return new OneBatchReader(this, VectorSchemaRoot.create(schema, allocator));
    }
}
