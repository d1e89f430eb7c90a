package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.Location;
import dev.quiver.api.Problem;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.transform.Columns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A transform's {@code columns:} option: the feature columns a user named, or, when none, every feature a
 * default rule accepts. Resolving it against a schema is the plan-time check that names exist, are features
 * (never the target) and have a type the transform can use. Immutable.
 *
 * @param named the names written in the pipeline, empty for the default
 * @param location where {@code columns:} was written (or the transform's own location when absent)
 * @param transform the transform's name, for messages
 */
public record ColumnChoice(List<String> named, Location location, String transform) {

    public ColumnChoice {
        named = List.copyOf(named);
    }

    /**
     * The columns to work on, in the order named (or in feature order for the default).
     *
     * @param usable which columns the transform can use at all
     * @param needs what {@code usable} asks for in words, e.g. "numeric columns"
     * @param byDefault which usable features are taken when no names were given
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#CONFIG}) listing every name that is wrong
     */
    public List<String> resolve(
            Schema schema, Columns columns, Predicate<Field> usable, String needs, Predicate<Field> byDefault) {
        List<String> features = columns.features();
        List<Problem> problems = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        if (named.isEmpty()) {
            for (String feature : features) {
                field(schema, feature)
                        .filter(f -> usable.test(f) && byDefault.test(f))
                        .ifPresent(f -> chosen.add(f.getName()));
            }
            return List.copyOf(chosen);
        }
        Set<String> seen = new HashSet<>();
        for (String name : named) {
            Optional<Field> field = field(schema, name);
            String problem;
            if (!seen.add(name)) {
                problem = "column '" + name + "' is listed twice";
            } else if (columns.target().filter(name::equals).isPresent()) {
                problem = "'" + name + "' is the target; " + transform + " works on features only";
            } else if (!features.contains(name)) {
                problem = (field.isPresent() ? "'" + name + "' is not a feature" : "there is no column '" + name + "'")
                        + DidYouMean.hint(name, features) + "; the features are " + features;
            } else if (field.isEmpty()) {
                problem = "feature '" + name + "' is not in the data, whose columns are " + names(schema);
            } else if (!usable.test(field.get())) {
                problem = "'" + name + "' is a " + typeName(field.get()) + " column, but " + transform + " needs "
                        + needs;
            } else {
                chosen.add(name);
                continue;
            }
            problems.add(new Problem(location, problem));
        }
        if (!problems.isEmpty()) {
            throw QuiverException.config(problems);
        }
        return List.copyOf(chosen);
    }

    /** {@link #resolve} for transforms of numeric columns, which take every numeric feature by default. */
    public List<String> numeric(Schema schema, Columns columns) {
        return resolve(schema, columns, ArrowColumns::isNumeric, "numeric columns", f -> true);
    }

    /** The field named {@code name}, or empty. */
    public static Optional<Field> field(Schema schema, String name) {
        return schema.getFields().stream().filter(f -> f.getName().equals(name)).findFirst();
    }

    public static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).toList();
    }

    /** A column's type in the words a user knows. */
    public static String typeName(Field field) {
        return switch (field.getType().getTypeID()) {
            case Utf8, LargeUtf8 -> "text";
            case Int -> "integer";
            case FloatingPoint -> "floating-point";
            case Bool -> "boolean";
            default -> field.getType().toString();
        };
    }

    public static boolean isText(Field field) {
        return field.getType().getTypeID() == ArrowType.ArrowTypeID.Utf8;
    }
}
