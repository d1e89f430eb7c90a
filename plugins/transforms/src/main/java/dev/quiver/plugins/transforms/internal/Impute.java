package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The configured {@code impute} transform: fills missing cells (null, and NaN in numeric columns) with a
 * value learned per column, as scikit-learn's {@code SimpleImputer}. Immutable.
 *
 * @param fill for {@link Strategy#CONSTANT}: a Double, a String, or null for the defaults (0 for numeric
 *     columns, {@code missing_value} for text ones, scikit-learn's defaults)
 */
public record Impute(ColumnChoice choice, Strategy strategy, Object fill) implements Transform {

    /** scikit-learn's default constant for text columns. */
    static final String DEFAULT_TEXT_FILL = "missing_value";

    /** How the fill value of a column is chosen. */
    public enum Strategy {
        MEAN("mean"),
        MEDIAN("median"),
        MOST_FREQUENT("most-frequent"),
        CONSTANT("constant");

        private final String label;

        Strategy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Strategy of(String label) {
            return Arrays.stream(values())
                    .filter(s -> s.label.equals(label))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Override
    public TransformPlan plan(Schema input, Columns columns) {
        List<String> names = resolve(input, columns);
        // A text column is filled with text, a numeric one with a number: known from the type alone.
        return new TransformPlan(
                ColumnwiseTransform.rewrite(
                        input,
                        names,
                        (index, field) -> List.of(FittedImpute.outputField(field, ColumnChoice.isText(field)))),
                columns);
    }

    private List<String> resolve(Schema input, Columns columns) {
        boolean numericOnly = strategy == Strategy.MEAN || strategy == Strategy.MEDIAN || fill instanceof Double;
        boolean textOnly = fill instanceof String;
        Predicate<Field> usable = numericOnly
                ? ArrowColumns::isNumeric
                : textOnly ? ColumnChoice::isText : f -> ArrowColumns.isNumeric(f) || ColumnChoice.isText(f);
        String needs = numericOnly
                ? "numeric columns" + (fill instanceof Double ? " for a numeric fillValue" : "")
                : textOnly ? "text columns for a text fillValue" : "numeric or text columns";
        return choice.resolve(input, columns, usable, needs, f -> true);
    }

    @Override
    public FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
        Schema schema = data.schema();
        List<String> names = resolve(schema, columns);
        List<Learner> learners = new ArrayList<>();
        for (String name : names) {
            boolean text = ColumnChoice.isText(ColumnChoice.field(schema, name).orElseThrow());
            learners.add(text ? new TextLearner() : new NumericLearner());
        }
        if (strategy != Strategy.CONSTANT) {
            scan(data, names, learners, allocator);
        }
        List<Object> fills = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            Object value = learners.get(c).fill();
            if (value == null) {
                throw QuiverException.data(
                        data.describe(),
                        0,
                        names.get(c),
                        "the column has no values, so impute " + "cannot learn its " + strategy.label()
                                + "; drop the column or use strategy: constant.");
            }
            fills.add(value);
        }
        return new FittedImpute(names, fills);
    }

    private static void scan(Source data, List<String> names, List<Learner> learners, BufferAllocator allocator) {
        double[] buffer = new double[0];
        long firstRow = 1;
        try (BatchReader reader = data.open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                for (int c = 0; c < names.size(); c++) {
                    FieldVector column = root.getVector(names.get(c));
                    if (learners.get(c) instanceof NumericLearner numeric) {
                        buffer = Vectors.doubles(column, buffer);
                        Vectors.requireFinite(buffer, root.getRowCount(), data, reader, firstRow, names.get(c));
                        numeric.add(buffer, root.getRowCount());
                    } else {
                        TextLearner text = (TextLearner) learners.get(c);
                        for (int r = 0; r < root.getRowCount(); r++) {
                            text.add(ClassLabels.labelOf(column, r));
                        }
                    }
                }
                firstRow += root.getRowCount();
            }
        }
    }

    /** Learns one column's fill value. */
    private interface Learner {
        /** The fill value (Double or String), or null when the column had no values to learn from. */
        Object fill();
    }

    /** Keeps every present value: the median needs them all, and the mode and mean come cheaply with them. */
    private final class NumericLearner implements Learner {
        private final Moments moments = new Moments();
        private double[] values = new double[64];
        private int size;

        void add(double[] batch, int rows) {
            if (strategy == Strategy.MEAN) {
                moments.add(batch, rows);
                return;
            }
            for (int r = 0; r < rows; r++) {
                if (!Double.isNaN(batch[r])) {
                    if (size == values.length) {
                        values = Arrays.copyOf(values, size * 2);
                    }
                    values[size++] = batch[r] + 0.0; // folds -0.0 into 0.0, one value for counting
                }
            }
        }

        @Override
        public Object fill() {
            return switch (strategy) {
                case CONSTANT -> fill instanceof Double d ? d : 0.0;
                case MEAN -> moments.count() == 0 ? null : moments.mean();
                case MEDIAN -> size == 0 ? null : median();
                case MOST_FREQUENT -> size == 0 ? null : mostFrequent();
            };
        }

        private double median() {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int mid = size / 2;
            return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        /** The commonest value; among equally common ones the smallest, as scikit-learn picks. */
        private double mostFrequent() {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            double best = sorted[0];
            int bestRun = 0;
            for (int i = 0; i < size; ) {
                int j = i;
                while (j < size && sorted[j] == sorted[i]) {
                    j++;
                }
                if (j - i > bestRun) {
                    bestRun = j - i;
                    best = sorted[i];
                }
                i = j;
            }
            return best;
        }
    }

    private final class TextLearner implements Learner {
        private final Map<String, Long> counts = new HashMap<>();

        void add(String value) {
            if (value != null) {
                counts.merge(value, 1L, Long::sum);
            }
        }

        @Override
        public Object fill() {
            if (strategy == Strategy.CONSTANT) {
                return fill instanceof String s ? s : DEFAULT_TEXT_FILL;
            }
            // The commonest value; among equally common ones the smallest, as scikit-learn picks.
            return counts.entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue()
                            .thenComparing(
                                    Map.Entry.<String, Long>comparingByKey().reversed()))
                    .map(Map.Entry::getKey)
                    .orElse(null);
        }
    }
}
