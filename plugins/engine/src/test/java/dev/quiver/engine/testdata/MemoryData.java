package dev.quiver.engine.testdata;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.TrainingData;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
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
 * In-memory {@link TrainingData} for engine tests: double features, a double, long or string target, served
 * in batches of a fixed size so that streaming code paths are exercised.
 */
public final class MemoryData implements TrainingData {

    private final List<String> features;
    private final double[][] x;
    private final Object target;
    private final String targetName;
    private final Task task;
    private final int batchSize;
    private final TrainingData validation;

    private MemoryData(
            List<String> features,
            double[][] x,
            String targetName,
            Object target,
            Task task,
            int batchSize,
            TrainingData validation) {
        this.features = features;
        this.x = x;
        this.targetName = targetName;
        this.target = target;
        this.task = task;
        this.batchSize = batchSize;
        this.validation = validation;
    }

    public static MemoryData regression(List<String> features, double[][] x, double[] y) {
        return new MemoryData(features, x, "y", y, Task.REGRESSION, 7, null);
    }

    public static MemoryData classes(List<String> features, double[][] x, long[] y) {
        long distinct = Arrays.stream(y).distinct().count();
        return new MemoryData(features, x, "y", y, distinct == 2 ? Task.BINARY : Task.MULTICLASS, 7, null);
    }

    public static MemoryData labels(List<String> features, double[][] x, String[] y) {
        long distinct = Arrays.stream(y).distinct().count();
        return new MemoryData(features, x, "y", y, distinct == 2 ? Task.BINARY : Task.MULTICLASS, 7, null);
    }

    public MemoryData batchSize(int size) {
        return new MemoryData(features, x, targetName, target, task, size, validation);
    }

    public MemoryData withValidation(TrainingData v) {
        return new MemoryData(features, x, targetName, target, task, batchSize, v);
    }

    public MemoryData task(Task t) {
        return new MemoryData(features, x, targetName, target, t, batchSize, validation);
    }

    /** Rows {@code [from, to)} of this data as a new data set. */
    public MemoryData slice(int[] rows) {
        double[][] sx = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            sx[i] = x[rows[i]];
        }
        Object st;
        if (target instanceof double[] d) {
            st = Arrays.stream(rows).mapToDouble(r -> d[r]).toArray();
        } else if (target instanceof long[] l) {
            st = Arrays.stream(rows).mapToLong(r -> l[r]).toArray();
        } else {
            String[] s = (String[]) target;
            st = Arrays.stream(rows).mapToObj(r -> s[r]).toArray(String[]::new);
        }
        return new MemoryData(features, sx, targetName, st, task, batchSize, null);
    }

    /** The target of row {@code i} as label text. */
    public String label(int i) {
        if (target instanceof long[] l) {
            return Long.toString(l[i]);
        }
        if (target instanceof String[] s) {
            return s[i];
        }
        return Double.toString(((double[]) target)[i]);
    }

    public int size() {
        return x.length;
    }

    public double[][] x() {
        return x;
    }

    public Object y() {
        return target;
    }

    /**
     * A bundled CSV read by test-fixtures' {@link SimpleCsv}: every column but the last is a (numeric) feature, the
     * last is the target: its values for regression; for classification its labels when it is text, else its
     * values as class indices.
     */
    public static MemoryData csv(Path file, boolean classification) {
        TableData table = SimpleCsv.read(file);
        List<String> columns = table.columnNames();
        List<String> names = columns.subList(0, columns.size() - 1);
        String target = columns.get(columns.size() - 1);
        double[][] x = new double[table.rows()][names.size()];
        for (int j = 0; j < names.size(); j++) {
            double[] column = table.doubles(names.get(j));
            for (int r = 0; r < x.length; r++) {
                x[r][j] = column[r];
            }
        }
        if (!classification) {
            return regression(names, x, table.doubles(target));
        }
        if (table.field(target).getType() instanceof ArrowType.Utf8) {
            return labels(names, x, table.labels(target).toArray(String[]::new));
        }
        return classes(
                names,
                x,
                Arrays.stream(table.doubles(target)).mapToLong(v -> (long) v).toArray());
    }

    @Override
    public Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (String f : features) {
            fields.add(
                    new Field(f, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null));
        }
        fields.add(target().orElseThrow());
        return new Schema(fields);
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public Optional<Field> target() {
        ArrowType type = target instanceof double[]
                ? new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)
                : target instanceof long[] ? new ArrowType.Int(64, true) : ArrowType.Utf8.INSTANCE;
        return Optional.of(new Field(targetName, FieldType.nullable(type), null));
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public List<String> classes() {
        if (target instanceof long[] l) {
            return Arrays.stream(l).distinct().sorted().mapToObj(Long::toString).toList();
        }
        if (target instanceof String[] s) {
            return List.copyOf(new TreeSet<>(Arrays.asList(s)));
        }
        return List.of();
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.of(x.length);
    }

    @Override
    public Optional<TrainingData> validation() {
        return Optional.ofNullable(validation);
    }

    private double[][] columns;

    /** The features column by column, computed once: batches are built column-wise. */
    private synchronized double[][] columns() {
        if (columns == null) {
            columns = new double[features.size()][x.length];
            for (int r = 0; r < x.length; r++) {
                for (int j = 0; j < features.size(); j++) {
                    columns[j][r] = x[r][j];
                }
            }
        }
        return columns;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
        return new BatchReader() {
            int next;

            @Override
            public VectorSchemaRoot root() {
                return root;
            }

            @Override
            public boolean loadNextBatch() {
                root.clear();
                if (next >= x.length) {
                    root.setRowCount(0);
                    return false;
                }
                int n = Math.min(batchSize, x.length - next);
                root.allocateNew();
                double[][] columns = columns();
                for (int j = 0; j < features.size(); j++) {
                    Float8Vector v = (Float8Vector) root.getVector(j);
                    for (int r = 0; r < n; r++) {
                        double d = columns[j][next + r];
                        if (Double.isNaN(d)) {
                            v.setNull(r);
                        } else {
                            v.setSafe(r, d);
                        }
                    }
                }
                FieldVector t = root.getVector(features.size());
                for (int r = 0; r < n; r++) {
                    if (t instanceof Float8Vector d) {
                        d.setSafe(r, ((double[]) target)[next + r]);
                    } else if (t instanceof BigIntVector l) {
                        l.setSafe(r, ((long[]) target)[next + r]);
                    } else {
                        ((VarCharVector) t).setSafe(r, ((String[]) target)[next + r].getBytes(StandardCharsets.UTF_8));
                    }
                }
                root.setRowCount(n);
                next += n;
                return true;
            }

            @Override
            public void close() {
                root.close();
            }
        };
    }

    /** This data with every feature transformed as {@code (x - mean) / std}, statistics given per feature. */
    public MemoryData standardized(double[] mean, double[] std) {
        double[][] sx = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            sx[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                sx[i][j] = std[j] == 0 ? 0 : (x[i][j] - mean[j]) / std[j];
            }
        }
        return new MemoryData(features, sx, targetName, target, task, batchSize, validation);
    }

    /** Per-feature mean and population standard deviation, as scikit-learn's StandardScaler. */
    public double[][] moments() {
        int p = features.size();
        double[] mean = new double[p];
        double[] std = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
            }
        }
        for (int j = 0; j < p; j++) {
            std[j] = Math.sqrt(std[j]);
        }
        return new double[][] {mean, std};
    }

    /**
     * A stratified split: within each class, in a seeded random order, the first {@code testShare} of the rows
     * go to the second part. Returns {train, test}.
     */
    public MemoryData[] stratifiedSplit(double testShare, long seed) {
        java.util.Map<String, List<Integer>> byClass = new java.util.TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            byClass.computeIfAbsent(label(i), k -> new ArrayList<>()).add(i);
        }
        java.util.Random random = new java.util.Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            java.util.Collections.shuffle(rows, random);
            int nTest = (int) Math.round(rows.size() * testShare);
            test.addAll(rows.subList(0, nTest));
            train.addAll(rows.subList(nTest, rows.size()));
        }
        java.util.Collections.sort(train);
        java.util.Collections.sort(test);
        return new MemoryData[] {
            slice(train.stream().mapToInt(Integer::intValue).toArray()),
            slice(test.stream().mapToInt(Integer::intValue).toArray())
        };
    }
}
