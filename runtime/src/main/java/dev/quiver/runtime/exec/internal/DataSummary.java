package dev.quiver.runtime.exec.internal;

import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.runtime.report.ColumnSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Summarises columns of a source in one streamed pass: rows, missing cells, moments (per batch, merged by Chan et
 * al.'s update, so a million rows lose no precision) or value counts. Counting distinct text values keeps at most {@link #MAX_KEYS}
 * keys, so an id column cannot fill the heap. Stateless.
 */
public final class DataSummary {

    /** The most distinct values counted per text column; beyond it the column is reported as having more. */
    static final int MAX_KEYS = 10_000;
    /** How many of a text column's most frequent values the report lists. */
    static final int TOP = 5;

    private DataSummary() {}

    /** The rows of {@code source}. */
    public static long rows(Source source, BufferAllocator allocator) {
        if (source.rowCount().isPresent()) {
            return source.rowCount().getAsLong();
        }
        long rows = 0;
        try (BatchReader reader = source.open(allocator)) {
            while (reader.loadNextBatch()) {
                rows += reader.root().getRowCount();
            }
        }
        return rows;
    }

    /** The summaries of {@code columns} of {@code source}, in that order. */
    public static List<ColumnSummary> of(Source source, List<String> columns, BufferAllocator allocator) {
        Map<String, Accumulator> byName = new LinkedHashMap<>();
        for (String c : columns) {
            Field field = source.schema().findField(c);
            byName.put(c, new Accumulator(field, ArrowColumns.isNumeric(field)));
        }
        long rows = 0;
        try (BatchReader reader = source.open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                int n = root.getRowCount();
                rows += n;
                for (Accumulator a : byName.values()) {
                    a.add(root.getVector(a.field.getName()), n);
                }
            }
        }
        List<ColumnSummary> out = new ArrayList<>();
        for (Accumulator a : byName.values()) {
            out.add(a.summary(rows));
        }
        return out;
    }

    /** The label counts of {@code column}, most frequent first (ties by label). */
    public static Map<String, Long> counts(Source source, String column, BufferAllocator allocator) {
        Map<String, Long> counts = new HashMap<>();
        try (BatchReader reader = source.open(allocator)) {
            while (reader.loadNextBatch()) {
                FieldVector v = reader.root().getVector(column);
                for (int r = 0; r < reader.root().getRowCount(); r++) {
                    String label = ClassLabels.labelOf(v, r);
                    counts.merge(label == null ? "(missing)" : label, 1L, Long::sum);
                }
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(ORDER).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static final Comparator<Map.Entry<String, Long>> ORDER =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private static final class Accumulator {
        final Field field;
        final boolean numeric;
        long missing;
        long count;
        double mean;
        double m2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final Map<String, Long> values = new HashMap<>();
        boolean overflowed;
        double[] batch = new double[0];

        Accumulator(Field field, boolean numeric) {
            this.field = field;
            this.numeric = numeric;
        }

        void add(FieldVector v, int rows) {
            if (numeric) {
                addNumbers(v, rows);
                return;
            }
            for (int r = 0; r < rows; r++) {
                if (v.isNull(r)) {
                    missing++;
                    continue;
                }
                String label = ClassLabels.labelOf(v, r);
                count++;
                if (values.containsKey(label) || values.size() < MAX_KEYS) {
                    values.merge(label, 1L, Long::sum);
                } else {
                    overflowed = true;
                }
            }
        }

        /**
         * One bulk copy of the batch, its own mean and sum of squared deviations in two passes, then merged into
         * the running ones by Chan, Golub and LeVeque's pairwise update: as precise as Welford's per-value update
         * (which divides once per cell, in a chain the CPU cannot overlap) at the cost of a few adds per cell.
         */
        private void addNumbers(FieldVector v, int rows) {
            if (batch.length < rows) {
                batch = new double[rows];
            }
            ArrowColumns.copyDoubles(v, batch, 0, 1); // nulls become NaN, counted as missing like NaN itself
            long n = 0;
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                double x = batch[r];
                if (!Double.isNaN(x)) {
                    n++;
                    sum += x;
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            missing += rows - n;
            if (n == 0) {
                return;
            }
            double batchMean = sum / n;
            double batchM2 = 0;
            for (int r = 0; r < rows; r++) {
                double x = batch[r];
                if (!Double.isNaN(x)) {
                    double d = x - batchMean;
                    batchM2 += d * d;
                }
            }
            long total = count + n;
            double delta = batchMean - mean;
            mean += delta * n / total;
            m2 += batchM2 + delta * delta * ((double) count * n / total);
            count = total;
            min = Math.min(min, lo);
            max = Math.max(max, hi);
        }

        ColumnSummary summary(long rows) {
            String type = field.getType().toString();
            if (numeric) {
                return new ColumnSummary(
                        field.getName(),
                        type,
                        rows,
                        missing,
                        true,
                        count > 0 ? mean : Double.NaN,
                        count > 1 ? Math.sqrt(m2 / (count - 1)) : Double.NaN,
                        count > 0 ? min : Double.NaN,
                        count > 0 ? max : Double.NaN,
                        List.of(),
                        0);
            }
            List<Map.Entry<String, Long>> top = values.entrySet().stream()
                    .sorted(ORDER)
                    .limit(TOP)
                    .map(e -> Map.entry(e.getKey(), e.getValue()))
                    .toList();
            int distinct = overflowed ? MAX_KEYS + 1 : values.size();
            return new ColumnSummary(
                    field.getName(),
                    type,
                    rows,
                    missing,
                    false,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    top,
                    distinct);
        }
    }
}
