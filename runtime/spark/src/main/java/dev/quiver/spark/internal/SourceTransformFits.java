package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.runtime.pipeline.Named;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code impute} and {@code one-hot} fitted on Spark: they read text and missing cells, which the numeric blocks
 * do not hold, so each is fitted in one job over the source's Arrow batches, every task reading its split through
 * the transforms fitted before it and tallying its columns ({@link ColumnTally}: moments for a mean, counts per
 * value for a most frequent value or the categories), one {@code treeReduce} merging the tallies exactly. The
 * columns are chosen as the plugins choose them (the named ones, which the plan already checked, or each
 * plugin's default rule over the schema at this point), and the fitted transform is made by its plugin from its
 * saved state ({@link FittedPieces}). A median is exact too, from a distributed sort ({@link ExactMedian}). Stateless; the driver thread calls it.
 */
final class SourceTransformFits {

    static final String IMPUTE = "impute";
    static final String ONE_HOT = "one-hot";
    /** scikit-learn's default constant for text columns, as the impute plugin's. */
    private static final String DEFAULT_TEXT_FILL = "missing_value";

    private SourceTransformFits() {}

    /** Fits {@code transform} on the rows as the {@code before} transforms output them. */
    static FittedTransform fit(
            JavaSparkContext spark,
            List<SourceSplit> splits,
            List<ShippedTransform> before,
            Named<?> transform,
            Schema schema,
            Columns columns,
            FittedPieces pieces) {
        return transform.type().equals(IMPUTE)
                ? impute(spark, splits, before, transform.options(), schema, columns, pieces)
                : oneHot(spark, splits, before, transform.options(), schema, columns, pieces);
    }

    private static FittedTransform impute(
            JavaSparkContext spark,
            List<SourceSplit> splits,
            List<ShippedTransform> before,
            Map<String, Object> options,
            Schema schema,
            Columns columns,
            FittedPieces pieces) {
        String strategy = options.get("strategy") instanceof String s ? s : "mean";
        Object fill = options.get("fillValue");
        boolean numericOnly = strategy.equals("mean") || strategy.equals("median") || fill instanceof Number;
        boolean textOnly = fill instanceof String;
        Predicate<Field> usable = numericOnly
                ? ArrowColumns::isNumeric
                : textOnly ? SourceTransformFits::isText : f -> ArrowColumns.isNumeric(f) || isText(f);
        List<String> names = chosen(options, schema, columns, usable);
        List<Object> fills = new ArrayList<>();
        if (strategy.equals("constant")) {
            for (String name : names) {
                fills.add(
                        isText(field(schema, name))
                                ? fill instanceof String s ? s : DEFAULT_TEXT_FILL
                                : fill instanceof Number n ? n.doubleValue() : 0.0);
            }
            return pieces.impute(names, fills);
        }
        if (strategy.equals("median")) {
            for (String name : names) {
                double median = ExactMedian.of(spark, splits, before, name);
                if (Double.isNaN(median)) {
                    throw noValues(name, strategy);
                }
                fills.add(median);
            }
            return pieces.impute(names, fills);
        }
        List<ColumnTally.Kind> kinds = new ArrayList<>();
        for (String name : names) {
            kinds.add(
                    isText(field(schema, name))
                            ? ColumnTally.Kind.LABEL_COUNTS
                            : strategy.equals("mean") ? ColumnTally.Kind.MEAN : ColumnTally.Kind.NUMBER_COUNTS);
        }
        ColumnTally tally = tally(spark, splits, before, names, kinds);
        for (int c = 0; c < names.size(); c++) {
            Object value =
                    switch (kinds.get(c)) {
                        case MEAN -> Double.isNaN(tally.mean(c)) ? null : tally.mean(c);
                        case NUMBER_COUNTS -> mostFrequent(tally.numberCounts(c), Comparator.<Double>naturalOrder());
                        case LABEL_COUNTS -> mostFrequent(tally.labelCounts(c), Comparator.<String>naturalOrder());
                    };
            if (value == null) {
                throw noValues(names.get(c), strategy);
            }
            fills.add(value);
        }
        return pieces.impute(names, fills);
    }

    private static QuiverException noValues(String column, String strategy) {
        return new QuiverException(
                ErrorCode.DATA,
                "column '" + column + "': the column has no values, so impute cannot learn its " + strategy
                        + "; drop the column or use strategy: constant.");
    }

    /** The commonest value; among equally common ones the smallest, as the plugin and scikit-learn pick. */
    private static <T> T mostFrequent(Map<T, Long> counts, Comparator<T> order) {
        T best = null;
        long bestCount = 0;
        for (Map.Entry<T, Long> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && order.compare(e.getKey(), best) < 0)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    private static FittedTransform oneHot(
            JavaSparkContext spark,
            List<SourceSplit> splits,
            List<ShippedTransform> before,
            Map<String, Object> options,
            Schema schema,
            Columns columns,
            FittedPieces pieces) {
        List<String> names = chosen(options, schema, columns, SourceTransformFits::isText);
        List<ColumnTally.Kind> kinds =
                names.stream().map(n -> ColumnTally.Kind.LABEL_COUNTS).toList();
        ColumnTally tally = tally(spark, splits, before, names, kinds);
        List<List<String>> categories = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            boolean integer = field(schema, names.get(c)).getType().getTypeID() == ArrowType.ArrowTypeID.Int;
            // Sorted as the plugin sorts them: integers by value, everything else as text.
            categories.add(tally.labelCounts(c).keySet().stream()
                    .sorted(integer ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder())
                    .toList());
        }
        FittedTransform fitted = pieces.oneHot(
                names,
                categories,
                "ignore".equals(options.get("unknown")),
                Boolean.TRUE.equals(options.get("dropFirst")));
        Set<String> seen = new HashSet<>();
        for (Field f : fitted.outputSchema(schema).getFields()) {
            if (!seen.add(f.getName())) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "column '" + f.getName() + "': one-hot would make a column of this name, but the data has"
                                + " one already; rename that column or the values first.");
            }
        }
        return fitted;
    }

    /** One job: every task tallies its split's transformed batches; the tallies merge in a tree. */
    private static ColumnTally tally(
            JavaSparkContext spark,
            List<SourceSplit> splits,
            List<ShippedTransform> before,
            List<String> names,
            List<ColumnTally.Kind> kinds) {
        List<ShippedTransform> shipped = List.copyOf(before);
        List<String> tallied = List.copyOf(names);
        List<ColumnTally.Kind> kept = List.copyOf(kinds);
        return SplitReader.parts(spark, splits)
                .mapPartitions(parts -> {
                    ColumnTally tally = new ColumnTally(tallied, kept);
                    while (parts.hasNext()) {
                        SplitPass.read(
                                parts.next(),
                                shipped,
                                (root, reader, split, allocator) -> tally.add(root, reader, split));
                    }
                    return List.of(tally).iterator();
                })
                .treeReduce(ColumnTally::merge, 2);
    }

    /** The columns named in {@code columns:} (the plan checked them), else every feature {@code byDefault} takes. */
    private static List<String> chosen(
            Map<String, Object> options, Schema schema, Columns columns, Predicate<Field> byDefault) {
        if (options.get("columns") instanceof List<?> named && !named.isEmpty()) {
            return named.stream().map(String::valueOf).toList();
        }
        List<String> chosen = new ArrayList<>();
        for (String feature : columns.features()) {
            Optional<Field> field = schema.getFields().stream()
                    .filter(f -> f.getName().equals(feature))
                    .findFirst();
            if (field.isPresent() && byDefault.test(field.get())) {
                chosen.add(feature);
            }
        }
        return chosen;
    }

    private static Field field(Schema schema, String name) {
        return schema.findField(name);
    }

    private static boolean isText(Field field) {
        return field.getType().getTypeID() == ArrowType.ArrowTypeID.Utf8;
    }
}
