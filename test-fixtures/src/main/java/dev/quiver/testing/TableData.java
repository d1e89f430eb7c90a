package dev.quiver.testing;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.TrainingData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A small table held in memory, for tests: a re-openable {@link Source} that yields it in batches, and the
 * {@link TrainingData} a trainer learns from.
 *
 * <pre>{@code
 * TableData iris = SimpleCsv.read(Datasets.path(Datasets.IRIS));
 * Model model = trainer.fit(iris.training("species"), fitContext);
 *
 * TableData t = TableData.builder().doubles("x", 1.0, null, 3.0).strings("color", "red", "blue", null).build();
 * }</pre>
 *
 * <p>Columns are float64, int64, bool or utf8 (other Arrow types are widened to these when copying a
 * {@link Source}); a missing cell is null. Immutable and thread-safe: every {@link #open} is an independent
 * pass whose reader allocates from, and is owned by, the caller.
 */
public final class TableData implements Source {

    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final ArrowType INT64 = new ArrowType.Int(64, true);

    private final String name;
    private final List<Field> fields;
    /** One array of cells per column: Double, Long, Boolean or String, null for a missing cell. */
    private final List<Object[]> cells;

    private final int rows;
    private final int batchSize;

    private TableData(String name, List<Field> fields, List<Object[]> cells, int rows, int batchSize) {
        this.name = name;
        this.fields = List.copyOf(fields);
        this.cells = List.copyOf(cells);
        this.rows = rows;
        this.batchSize = batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The CSV file at {@code path}, read by {@link SimpleCsv}. */
    public static TableData csv(Path path) {
        return SimpleCsv.read(path);
    }

    /** Reads every row of {@code source} into memory; {@code allocator} is used only while reading. */
    public static TableData copyOf(Source source, BufferAllocator allocator) {
        Builder builder = builder().name(source.describe());
        List<Field> sourceFields = source.schema().getFields();
        List<List<Object>> columns = new ArrayList<>();
        sourceFields.forEach(f -> columns.add(new ArrayList<>()));
        try (BatchReader reader = source.open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                for (int c = 0; c < sourceFields.size(); c++) {
                    FieldVector v = root.getVector(c);
                    for (int r = 0; r < root.getRowCount(); r++) {
                        columns.get(c).add(cellOf(v, r));
                    }
                }
            }
        }
        for (int c = 0; c < sourceFields.size(); c++) {
            builder.column(
                    sourceFields.get(c).getName(),
                    widened(sourceFields.get(c).getType()),
                    columns.get(c).toArray());
        }
        return builder.build();
    }

    private static Object cellOf(FieldVector v, int row) {
        if (v.isNull(row)) {
            return null;
        }
        if (v instanceof FloatingPointVector fp) {
            return fp.getValueAsDouble(row);
        }
        if (v instanceof BaseIntVector iv) {
            return iv.getValueAsLong(row);
        }
        if (v instanceof BitVector bv) {
            return bv.get(row) == 1;
        }
        if (v instanceof VarCharVector s) {
            return new String(s.get(row), StandardCharsets.UTF_8);
        }
        return v.getObject(row).toString();
    }

    private static ArrowType widened(ArrowType type) {
        return switch (type.getTypeID()) {
            case FloatingPoint -> FLOAT64;
            case Int -> INT64;
            case Bool -> ArrowType.Bool.INSTANCE;
            default -> ArrowType.Utf8.INSTANCE;
        };
    }

    /** The same rows served in batches of at most {@code size} rows (default 1024). */
    public TableData withBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + size);
        }
        return new TableData(name, fields, cells, rows, size);
    }

    /** The table without the named columns (e.g. the target, to mimic prediction-time data). */
    public TableData without(String... columns) {
        List<String> drop = Arrays.asList(columns);
        List<Field> keptFields = new ArrayList<>();
        List<Object[]> keptCells = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!drop.contains(fields.get(i).getName())) {
                keptFields.add(fields.get(i));
                keptCells.add(cells.get(i));
            }
        }
        return new TableData(name, keptFields, keptCells, rows, batchSize);
    }

    /** The first {@code count} rows (or all, when there are fewer). */
    public TableData head(int count) {
        int n = Math.min(count, rows);
        return new TableData(
                name, fields, cells.stream().map(c -> Arrays.copyOf(c, n)).toList(), n, batchSize);
    }

    public int rows() {
        return rows;
    }

    public List<String> columnNames() {
        return fields.stream().map(Field::getName).toList();
    }

    public Field field(String column) {
        return fields.get(indexOf(column));
    }

    /** The cell as a Double, Long, Boolean or String; null when missing. */
    public Object cell(String column, int row) {
        return cells.get(indexOf(column))[row];
    }

    /** A numeric or boolean column as doubles (booleans as 0/1), {@code NaN} for missing cells. */
    public double[] doubles(String column) {
        Object[] c = cells.get(indexOf(column));
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            Object v = c[r];
            out[r] = v == null
                    ? Double.NaN
                    : v instanceof Boolean b
                            ? (b ? 1 : 0)
                            : v instanceof Number n ? n.doubleValue() : fail(column, "is not numeric");
        }
        return out;
    }

    /** Each cell as label text (integers without a decimal point), null for missing cells. */
    public List<String> labels(String column) {
        Object[] c = cells.get(indexOf(column));
        List<String> out = new ArrayList<>(rows);
        for (Object v : c) {
            out.add(label(v));
        }
        return out;
    }

    private static double fail(String column, String what) {
        throw new IllegalArgumentException("column '" + column + "' " + what);
    }

    private int indexOf(String column) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + column + "' in " + columnNames());
    }

    /** Every row as one batch, owned by the caller. */
    public VectorSchemaRoot toRoot(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
        fill(root, 0, rows);
        return root;
    }

    private void fill(VectorSchemaRoot root, int from, int count) {
        for (int c = 0; c < fields.size(); c++) {
            FieldVector v = root.getVector(c);
            v.clear();
            v.setInitialCapacity(count);
            v.allocateNew();
            Object[] column = cells.get(c);
            for (int r = 0; r < count; r++) {
                Object value = column[from + r];
                if (value == null) {
                    v.setNull(r);
                } else if (v instanceof Float8Vector f) {
                    f.setSafe(r, (Double) value);
                } else if (v instanceof BigIntVector b) {
                    b.setSafe(r, (Long) value);
                } else if (v instanceof BitVector b) {
                    b.setSafe(r, (Boolean) value ? 1 : 0);
                } else {
                    ((VarCharVector) v).setSafe(r, ((String) value).getBytes(StandardCharsets.UTF_8));
                }
            }
            v.setValueCount(count);
        }
        root.setRowCount(count);
    }

    @Override
    public Schema schema() {
        return new Schema(fields);
    }

    @Override
    public OptionalLong rowCount() {
        return OptionalLong.of(rows);
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
        return new BatchReader() {
            private int next;

            @Override
            public VectorSchemaRoot root() {
                return root;
            }

            @Override
            public boolean loadNextBatch() {
                int count = Math.min(batchSize, rows - next);
                if (count <= 0) {
                    fill(root, next, 0);
                    return false;
                }
                fill(root, next, count);
                next += count;
                return true;
            }

            @Override
            public void close() {
                root.close();
            }
        };
    }

    /** Training data with every other column as a feature; the task follows from the target's type. */
    public TrainingData training(String target) {
        ArrowType type = field(target).getType();
        if (type.getTypeID() == ArrowType.ArrowTypeID.FloatingPoint) {
            return training(target, Task.REGRESSION);
        }
        return training(target, classesOf(target).size() == 2 ? Task.BINARY : Task.MULTICLASS);
    }

    public TrainingData training(String target, Task task) {
        List<String> features =
                columnNames().stream().filter(c -> !c.equals(target)).toList();
        return new Training(this, features, target, task, null);
    }

    /** Clustering data: every column a feature, no target. */
    public TrainingData clustering() {
        return new Training(this, columnNames(), null, Task.CLUSTERING, null);
    }

    /** Training data on {@code features} with {@code validation} as its held-out rows. */
    public TrainingData training(List<String> features, String target, Task task, TableData validation) {
        TrainingData held = validation == null ? null : new Training(validation, features, target, task, null);
        return new Training(this, features, target, task, held);
    }

    /** The distinct labels of a column, numbers in numeric order, text in natural order. */
    public List<String> classesOf(String column) {
        boolean numeric = field(column).getType().getTypeID() != ArrowType.ArrowTypeID.Utf8;
        Comparator<String> order =
                numeric ? Comparator.comparingDouble(TableData::numericLabel) : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        labels(column).stream().filter(Objects::nonNull).forEach(distinct::add);
        return List.copyOf(distinct);
    }

    private static double numericLabel(String label) {
        return switch (label) {
            case "true" -> 1;
            case "false" -> 0;
            default -> Double.parseDouble(label);
        };
    }

    /** Label text as {@link dev.quiver.api.model.ClassLabels#labelOf} renders it. */
    private static String label(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d.doubleValue()) : d.toString();
        }
        return v == null ? null : v.toString();
    }

    @Override
    public String toString() {
        return name + " " + columnNames() + " x " + rows;
    }

    private record Training(TableData table, List<String> features, String targetName, Task task, TrainingData held)
            implements TrainingData {

        @Override
        public Schema schema() {
            return table.schema();
        }

        @Override
        public Optional<Field> target() {
            return targetName == null ? Optional.empty() : Optional.of(table.field(targetName));
        }

        @Override
        public List<String> classes() {
            return task.isClassification() ? table.classesOf(targetName) : List.of();
        }

        @Override
        public OptionalLong rows() {
            return table.rowCount();
        }

        @Override
        public BatchReader open(BufferAllocator allocator) {
            return table.open(allocator);
        }

        @Override
        public Optional<TrainingData> validation() {
            return Optional.ofNullable(held);
        }
    }

    /** Builds a table column by column; every column must have the same number of cells. */
    public static final class Builder {

        private String name = "table";
        private final List<Field> fields = new ArrayList<>();
        private final List<Object[]> cells = new ArrayList<>();

        private Builder() {}

        /** The name {@link Source#describe()} returns, e.g. the file read. */
        public Builder name(String tableName) {
            this.name = tableName;
            return this;
        }

        public Builder doubles(String column, Double... values) {
            return column(column, FLOAT64, values);
        }

        public Builder doubles(String column, double[] values) {
            return column(column, FLOAT64, Arrays.stream(values).boxed().toArray());
        }

        public Builder longs(String column, Long... values) {
            return column(column, INT64, values);
        }

        public Builder booleans(String column, Boolean... values) {
            return column(column, ArrowType.Bool.INSTANCE, values);
        }

        public Builder strings(String column, String... values) {
            return column(column, ArrowType.Utf8.INSTANCE, values);
        }

        Builder column(String column, ArrowType type, Object[] values) {
            fields.add(new Field(column, FieldType.nullable(type), null));
            cells.add(values.clone());
            return this;
        }

        public TableData build() {
            int rows = cells.isEmpty() ? 0 : cells.get(0).length;
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).length != rows) {
                    throw new IllegalArgumentException("column '"
                            + fields.get(i).getName() + "' has " + cells.get(i).length + " cells, expected " + rows);
                }
            }
            return new TableData(name, fields, cells, rows, 1024);
        }
    }
}
