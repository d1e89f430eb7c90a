package dev.quiver.api.transform;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a transform promises before any data is read ({@link Transform#plan}): the Arrow schema its output will
 * have, names and types, and the columns' roles in it. The runtime threads it through every transform, so the
 * next transform plans against real types and a feature that would reach the model as text is a configuration
 * error, not a failure after training started. Immutable.
 *
 * <p>Columns whose names depend on the data (one-hot's indicators, one per category) are stood for by one
 * {@linkplain #placeholder placeholder} field: {@code prefix*} of one type, matching the zero or more fields of
 * that type and name prefix that the fitted transform produces in its place.
 *
 * <p>The constructor throws {@link IllegalArgumentException} when a feature or the target is not a field of
 * {@code schema} (a bug in the transform, not a user's mistake); javadoc allows no {@code @throws} on a record.
 *
 * @param schema the output schema: every column of the output, in order, with its type
 * @param columns the features and target in {@code schema}; each of them is a field of it
 */
public record TransformPlan(Schema schema, Columns columns) {

    /** The metadata key that marks a placeholder field; its value is the name prefix it stands for. */
    public static final String PLACEHOLDER_KEY = "quiver.placeholder.prefix";

    public TransformPlan {
        Set<String> names = new HashSet<>();
        schema.getFields().forEach(f -> names.add(f.getName()));
        for (String feature : columns.features()) {
            if (!names.contains(feature)) {
                throw new IllegalArgumentException("feature '" + feature + "' is not a column of the planned schema "
                        + schema.getFields().stream().map(Field::getName).toList());
            }
        }
        columns.target().filter(t -> !names.contains(t)).ifPresent(t -> {
            throw new IllegalArgumentException("the target '" + t + "' is not a column of the planned schema; a "
                    + "transform must pass it through");
        });
    }

    /** The plan of a transform that changes nothing: the input as it is. */
    public static TransformPlan unchanged(Schema input, Columns columns) {
        return new TransformPlan(input, columns);
    }

    /**
     * A field standing for columns whose names are known only after fitting: named {@code prefix + "*"}, of
     * {@code type}, matching any run of fields of that type whose names start with {@code prefix}.
     */
    public static Field placeholder(String prefix, FieldType type) {
        FieldType marked =
                new FieldType(type.isNullable(), type.getType(), type.getDictionary(), Map.of(PLACEHOLDER_KEY, prefix));
        return new Field(prefix + "*", marked, null);
    }

    /** Whether {@code field} is a {@link #placeholder}. */
    public static boolean isPlaceholder(Field field) {
        return field.getMetadata().containsKey(PLACEHOLDER_KEY);
    }

    /**
     * A field of {@code type} that replaces {@code input} under the same name: a placeholder stays a placeholder
     * (the fitted transform rewrites each of the columns it stands for), any other field becomes a plain field.
     */
    public static Field retyped(Field input, FieldType type) {
        if (isPlaceholder(input)) {
            return placeholder(input.getMetadata().get(PLACEHOLDER_KEY), type);
        }
        return new Field(input.getName(), type, null);
    }

    /**
     * How {@code actual}, the schema a fitted transform produced, differs from this plan's in names and types
     * (placeholders matching as described above; nullability is not compared), or empty when it does not.
     */
    public Optional<String> mismatch(Schema actual) {
        List<Field> planned = schema.getFields();
        List<Field> got = actual.getFields();
        int g = 0;
        for (int p = 0; p < planned.size(); p++) {
            Field want = planned.get(p);
            if (isPlaceholder(want)) {
                String prefix = want.getMetadata().get(PLACEHOLDER_KEY);
                Optional<String> next =
                        p + 1 < planned.size() ? Optional.of(planned.get(p + 1).getName()) : Optional.empty();
                while (g < got.size()
                        && got.get(g).getName().startsWith(prefix)
                        && got.get(g).getType().equals(want.getType())
                        && next.filter(got.get(g).getName()::equals).isEmpty()) {
                    g++;
                }
                continue;
            }
            if (g >= got.size()) {
                return Optional.of("column '" + want.getName() + "' was planned but is missing");
            }
            Field field = got.get(g);
            if (!field.getName().equals(want.getName())) {
                return Optional.of(
                        "column " + (g + 1) + " is '" + field.getName() + "' but '" + want.getName() + "' was planned");
            }
            if (!field.getType().equals(want.getType())) {
                return Optional.of("column '" + want.getName() + "' is " + field.getType() + " but " + want.getType()
                        + " was planned");
            }
            g++;
        }
        if (g < got.size()) {
            return Optional.of("column '" + got.get(g).getName() + "' was not planned");
        }
        return Optional.empty();
    }

    /** The planned field named {@code name}, or empty. */
    public Optional<Field> field(String name) {
        return schema.getFields().stream().filter(f -> f.getName().equals(name)).findFirst();
    }
}
