package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The configured {@code one-hot} transform: learns the sorted distinct values of categorical columns (text,
 * boolean or integer) and replaces each column by one float64 indicator column per value, named
 * {@code column=value}. Immutable.
 *
 * @param choice the columns; by default every text feature
 * @param ignoreUnknown whether a value not seen in fitting encodes as all zeros (else it is a data error)
 * @param dropFirst whether to leave out the first category's indicator (it is implied by all zeros)
 */
public record OneHot(ColumnChoice choice, boolean ignoreUnknown, boolean dropFirst) implements Transform {

    @Override
    public TransformPlan plan(Schema input, Columns columns) {
        List<String> encoded = resolve(input, columns);
        Schema schema = ColumnwiseTransform.rewrite(input, encoded, (index, field) -> List.of(placeholder(field)));
        Columns planned = columns.withFeatures(columns.features().stream()
                .map(f -> encoded.contains(f) ? placeholderName(f) : f)
                .toList());
        return new TransformPlan(schema, planned);
    }

    /**
     * What stands for a column's indicators at plan time: they depend on the categories, unknown until fitted,
     * but later plan steps must already see that float64 features replace the text one.
     * {@link FittedOneHot#columns} gives the real names.
     */
    static Field placeholder(Field column) {
        return TransformPlan.placeholder(column.getName() + "=", FieldType.notNullable(Vectors.FLOAT64));
    }

    /** The name of {@link #placeholder}: {@code column=*}. */
    private static String placeholderName(String column) {
        return column + "=*";
    }

    private List<String> resolve(Schema input, Columns columns) {
        return choice.resolve(
                input, columns, OneHot::categorical, "text, boolean or integer columns", ColumnChoice::isText);
    }

    static boolean categorical(Field field) {
        ArrowType.ArrowTypeID id = field.getType().getTypeID();
        return id == ArrowType.ArrowTypeID.Utf8 || id == ArrowType.ArrowTypeID.Bool || id == ArrowType.ArrowTypeID.Int;
    }

    @Override
    public FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
        Schema schema = data.schema();
        List<String> names = resolve(schema, columns);
        List<TreeSet<String>> seen = new ArrayList<>();
        for (String name : names) {
            boolean integer =
                    ColumnChoice.field(schema, name).orElseThrow().getType().getTypeID() == ArrowType.ArrowTypeID.Int;
            seen.add(new TreeSet<>(integer ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder()));
        }
        try (BatchReader reader = data.open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                for (int c = 0; c < names.size(); c++) {
                    FieldVector column = root.getVector(names.get(c));
                    for (int r = 0; r < root.getRowCount(); r++) {
                        String value = ClassLabels.labelOf(column, r);
                        if (value != null) {
                            seen.get(c).add(value);
                        }
                    }
                }
            }
        }
        List<List<String>> categories = seen.stream().map(s -> List.copyOf(s)).toList();
        FittedOneHot fitted = new FittedOneHot(names, categories, ignoreUnknown, dropFirst);
        requireUniqueNames(fitted.outputSchema(schema), data);
        return fitted;
    }

    /**
     * Indicator names are made from data, so they can meet a column already there (a column {@code color=red}
     * beside {@code color} with a value {@code red}); a batch with two columns of one name would feed the model
     * the wrong one.
     */
    private static void requireUniqueNames(Schema output, Source data) {
        Set<String> names = new HashSet<>();
        for (Field f : output.getFields()) {
            if (!names.add(f.getName())) {
                throw QuiverException.data(
                        data.describe(),
                        0,
                        f.getName(),
                        "one-hot would make a column of this "
                                + "name, but the data has one already; rename that column or the values first.");
            }
        }
    }
}
