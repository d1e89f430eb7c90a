package dev.quiver.runtime.plan.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Location;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.Source;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.Transform;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Hints;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.plan.PipelineContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The plan step: reads the source's schema (nothing more), checks that the feature and target columns exist,
 * runs each transform's {@link Transform#plan} in order, and checks that the model will see numbers only.
 *
 * <p>{@link Transform#plan} returns column roles but no types, so columns a transform introduces (one-hot
 * indicators, say) are taken to be float64 for the transforms after it and for the final numeric check; a
 * transform that produces something else finds out when it is fitted. One instance per load, one thread.
 */
final class Planner {

    /**
     * @param columns features and target as written (features defaulted to every column but the target)
     * @param planned the columns after every transform
     * @param schema the source's schema
     */
    record Plan(Columns columns, Columns planned, Schema schema) {

        Optional<Field> target() {
            return columns.target().map(t -> schema.findField(t));
        }
    }

    /**
     * The source exists but its content cannot be read (a ragged row while inferring types, say): a data error
     * (exit 3) when the pipeline is otherwise valid, one more problem when it is not.
     */
    record DataFailure(QuiverException error, Location where) {
    }

    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private final Problems problems;
    private final ConfigNode.Mapping root;
    private final Optional<YamlConfig> columns;
    private Optional<DataFailure> dataFailure = Optional.empty();

    Planner(Problems problems, ConfigNode.Mapping root, Optional<YamlConfig> columns) {
        this.problems = problems;
        this.root = root;
        this.columns = columns;
    }

    /** Set when {@link #plan} found the source unreadable for a reason other than configuration. */
    Optional<DataFailure> dataFailure() {
        return dataFailure;
    }

    /** The plan, or empty when the schema could not be read or the columns do not fit (problems recorded). */
    Optional<Plan> plan(Named<Source> source, Optional<List<Named<Transform>>> transforms, PipelineContext context) {
        Optional<Schema> schema = schema(source, context);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = schema.get().getFields().stream().map(Field::getName).toList();
        String where = " in " + source.component().describe();

        String target = columns.map(c -> c.get(DocumentOptions.TARGET)).orElse(null);
        boolean ok = true;
        if (target != null && !names.contains(target)) {
            problems.add(columns.get().location(DocumentOptions.TARGET.name()), "no column '" + target + "'" + where
                    + Hints.unknown(target, names, "columns"));
            ok = false;
        }
        List<String> features = new ArrayList<>();
        Map<String, Location> featureLocations = new LinkedHashMap<>();
        if (columns.isPresent() && columns.get().has(DocumentOptions.FEATURES.name())) {
            List<String> written = columns.get().get(DocumentOptions.FEATURES);
            List<Location> locations = itemLocations(columns.get(), DocumentOptions.FEATURES.name(), written.size());
            for (int i = 0; i < written.size(); i++) {
                String feature = written.get(i);
                if (!names.contains(feature)) {
                    problems.add(locations.get(i), "no column '" + feature + "'" + where
                            + Hints.unknown(feature, names, "columns"));
                    ok = false;
                } else if (feature.equals(target)) {
                    problems.add(locations.get(i), "'" + feature + "' is the target, so it cannot be a feature too");
                    ok = false;
                } else {
                    features.add(feature);
                    featureLocations.put(feature, locations.get(i));
                }
            }
        } else {
            names.stream().filter(n -> !n.equals(target)).forEach(features::add);
        }
        if (!ok) {
            return Optional.empty();
        }
        Columns written = new Columns(features, Optional.ofNullable(target));
        if (transforms.isEmpty()) {
            return Optional.empty();
        }
        Optional<Columns> planned = transform(schema.get(), written, transforms.get());
        if (planned.isEmpty()) {
            return Optional.empty();
        }
        checkNumeric(planned.get(), schema.get(), featureLocations, transforms.get().isEmpty());
        return Optional.of(new Plan(written, planned.get(), schema.get()));
    }

    private Optional<Schema> schema(Named<Source> source, PipelineContext context) {
        Location sourceAt = root.get("source").map(ConfigNode::location).orElse(root.location());
        Location pathAt = sourceAt;
        Optional<ConfigNode> pathNode = root.get("source").filter(ConfigNode.Mapping.class::isInstance)
                .flatMap(n -> ((ConfigNode.Mapping) n).get("path"));
        if (pathNode.isPresent() && pathNode.get() instanceof ConfigNode.Scalar s && s.value() instanceof String p) {
            pathAt = s.location();
            if (looksLikeLocalFile(p)) {
                Path resolved = context.resolvePath(p);
                if (!Files.exists(resolved)) {
                    String relative = Path.of(p).isAbsolute() ? ""
                            : " (relative paths are resolved against the pipeline file's folder, " + context.baseDir()
                                    + ")";
                    problems.add(pathAt, "file not found: " + resolved + relative);
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(source.component().schema());
        } catch (QuiverException e) {
            if (e.code() == ErrorCode.CONFIG) {
                problems.add(e, pathAt);
            } else {
                dataFailure = Optional.of(new DataFailure(e, pathAt));
            }
            return Optional.empty();
        }
    }

    private static boolean looksLikeLocalFile(String path) {
        return !path.contains("://") && !path.contains("*") && !path.contains("?") && !path.isBlank();
    }

    private Optional<Columns> transform(Schema source, Columns columns, List<Named<Transform>> transforms) {
        List<ConfigNode> items = root.get("transforms").map(n -> n instanceof ConfigNode.Sequence s ? s.items()
                : List.of(n)).orElse(List.of());
        Schema schema = source;
        Columns current = columns;
        for (int i = 0; i < transforms.size(); i++) {
            Named<Transform> t = transforms.get(i);
            Location at = i < items.size() ? items.get(i).location() : root.location();
            try {
                current = t.component().plan(schema, current);
            } catch (QuiverException e) {
                problems.add(e, at);
                return Optional.empty();
            }
            schema = withNewColumns(schema, current);
        }
        return Optional.of(current);
    }

    /** The schema plus a float64 field for each feature a transform introduced. */
    private static Schema withNewColumns(Schema schema, Columns columns) {
        List<Field> fields = new ArrayList<>(schema.getFields());
        for (String feature : columns.features()) {
            if (fields.stream().noneMatch(f -> f.getName().equals(feature))) {
                fields.add(new Field(feature, FieldType.nullable(FLOAT64), null));
            }
        }
        return new Schema(fields);
    }

    private void checkNumeric(Columns planned, Schema source, Map<String, Location> featureLocations,
            boolean noTransforms) {
        for (String feature : planned.features()) {
            Optional<Field> field = source.getFields().stream().filter(f -> f.getName().equals(feature)).findFirst();
            if (field.isEmpty() || ArrowColumns.isNumeric(field.get())) {
                continue;
            }
            Location at = featureLocations.getOrDefault(feature, columns
                    .map(c -> c.location(DocumentOptions.FEATURES.name()))
                    .orElse(root.get("source").map(ConfigNode::location).orElse(root.location())));
            problems.add(at, "feature '" + feature + "' holds " + typeName(field.get().getType())
                    + ", but models need numbers; encode it with a transform, e.g. transforms: [{type: one-hot,"
                    + " columns: [" + feature + "]}], or leave it out of columns.features"
                    + (noTransforms ? "" : " (no transform before the model makes it numeric)"));
        }
    }

    static String typeName(ArrowType type) {
        return switch (type.getTypeID()) {
            case Utf8, LargeUtf8 -> "text (utf8)";
            case Bool -> "booleans";
            case Int -> "integers";
            case FloatingPoint -> "floating-point numbers";
            default -> type.toString();
        };
    }

    private static List<Location> itemLocations(YamlConfig config, String key, int count) {
        Optional<ConfigNode> node = config.node().get(key);
        List<Location> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (node.isPresent() && node.get() instanceof ConfigNode.Sequence s && i < s.items().size()) {
                out.add(s.items().get(i).location());
            } else {
                out.add(config.location(key));
            }
        }
        return out;
    }
}
