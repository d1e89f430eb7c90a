package dev.quiver.runtime.plan.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Location;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.Source;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformPlan;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Hints;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.plan.PipelineContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The plan step: reads the source's schema (nothing more), checks that the feature and target columns exist,
 * runs each transform's {@link Transform#plan} in order, and checks that the model will see numbers only.
 *
 * <p>Each transform's {@link Transform#plan} declares its output schema, names and types, and the next plans
 * against it; so a feature that reaches the model as anything but numbers is a configuration error naming the
 * transform that made it so, or the last one it passed through, before any data is read. One instance per load,
 * one thread.
 */
final class Planner {

    /**
     * @param columns features and target as written (features defaulted to every column but the target and the
     *     labels)
     * @param planned the columns after every transform
     * @param schema the source's schema
     * @param labels {@code columns.labels}: the true groups of a clustering run, read by no model
     */
    record Plan(Columns columns, Columns planned, Schema schema, Optional<String> labels) {

        Optional<Field> target() {
            return columns.target().map(t -> schema.findField(t));
        }
    }

    /**
     * The source exists but its content cannot be read (a ragged row while inferring types, say): a data error
     * (exit 3) when the pipeline is otherwise valid, one more problem when it is not.
     */
    record DataFailure(QuiverException error, Location where) {}

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
        List<String> names =
                schema.get().getFields().stream().map(Field::getName).toList();
        String where = " in " + source.component().describe();

        String target = columns.map(c -> c.get(DocumentOptions.TARGET)).orElse(null);
        boolean ok = true;
        if (target != null && !names.contains(target)) {
            problems.add(
                    columns.get().location(DocumentOptions.TARGET.name()),
                    "no column '" + target + "'" + where + Hints.unknown(target, names, "columns"));
            ok = false;
        }
        String labels = columns.map(c -> c.get(DocumentOptions.LABELS)).orElse(null);
        if (labels != null && !names.contains(labels)) {
            problems.add(
                    columns.get().location(DocumentOptions.LABELS.name()),
                    "no column '" + labels + "'" + where + Hints.unknown(labels, names, "columns"));
            ok = false;
        } else if (labels != null && labels.equals(target)) {
            problems.add(
                    columns.get().location(DocumentOptions.LABELS.name()),
                    "'" + labels + "' is the target; columns.labels names the true groups of a clustering run,"
                            + " which has no target");
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
                    problems.add(
                            locations.get(i),
                            "no column '" + feature + "'" + where + Hints.unknown(feature, names, "columns"));
                    ok = false;
                } else if (feature.equals(target)) {
                    problems.add(locations.get(i), "'" + feature + "' is the target, so it cannot be a feature too");
                    ok = false;
                } else if (feature.equals(labels)) {
                    problems.add(
                            locations.get(i),
                            "'" + feature + "' is columns.labels, the true groups the clusters are scored against,"
                                    + " so it cannot be a feature too");
                    ok = false;
                } else {
                    features.add(feature);
                    featureLocations.put(feature, locations.get(i));
                }
            }
        } else {
            names.stream().filter(n -> !n.equals(target) && !n.equals(labels)).forEach(features::add);
        }
        if (!ok) {
            return Optional.empty();
        }
        Columns written = new Columns(features, Optional.ofNullable(target));
        if (transforms.isEmpty()) {
            return Optional.empty();
        }
        Optional<Transformed> planned = transform(schema.get(), written, transforms.get());
        if (planned.isEmpty()) {
            return Optional.empty();
        }
        checkNumeric(planned.get(), transforms.get(), featureLocations);
        return Optional.of(
                new Plan(written, planned.get().plan().columns(), schema.get(), Optional.ofNullable(labels)));
    }

    private Optional<Schema> schema(Named<Source> source, PipelineContext context) {
        Location sourceAt = root.get("source").map(ConfigNode::location).orElse(root.location());
        Location pathAt = sourceAt;
        Optional<ConfigNode> pathNode = root.get("source")
                .filter(ConfigNode.Mapping.class::isInstance)
                .flatMap(n -> ((ConfigNode.Mapping) n).get("path"));
        if (pathNode.isPresent() && pathNode.get() instanceof ConfigNode.Scalar s && s.value() instanceof String p) {
            pathAt = s.location();
            if (looksLikeLocalFile(p)) {
                Path resolved = context.resolvePath(p);
                if (!Files.exists(resolved)) {
                    String relative = Path.of(p).isAbsolute()
                            ? ""
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

    /**
     * The plan after every transform, and for each column the index of the transform that last produced it (made
     * it or changed its type); a column missing from {@code producedBy} comes from the source.
     */
    private record Transformed(TransformPlan plan, Map<String, Integer> producedBy) {}

    private Optional<Transformed> transform(Schema source, Columns columns, List<Named<Transform>> transforms) {
        TransformPlan current = TransformPlan.unchanged(source, columns);
        Map<String, Integer> producedBy = new HashMap<>();
        for (int i = 0; i < transforms.size(); i++) {
            TransformPlan next;
            try {
                next = transforms.get(i).component().plan(current.schema(), current.columns());
            } catch (QuiverException e) {
                problems.add(e, transformAt(i));
                return Optional.empty();
            }
            for (Field f : next.schema().getFields()) {
                Optional<Field> before = current.field(f.getName());
                if (before.isEmpty() || !before.get().getType().equals(f.getType())) {
                    producedBy.put(f.getName(), i);
                }
            }
            current = next;
        }
        return Optional.of(new Transformed(current, producedBy));
    }

    private Location transformAt(int index) {
        List<ConfigNode> items = root.get("transforms")
                .map(n -> n instanceof ConfigNode.Sequence s ? s.items() : List.of(n))
                .orElse(List.of());
        return index < items.size() ? items.get(index).location() : root.location();
    }

    /**
     * Every feature the model reads must be numeric. A text one is reported where it became what it is: at the
     * transform that produced it, else at the feature as written (it came so from the source), naming the last
     * transform it passed through.
     */
    private void checkNumeric(
            Transformed transformed, List<Named<Transform>> transforms, Map<String, Location> featureLocations) {
        TransformPlan plan = transformed.plan();
        for (String feature : plan.columns().features()) {
            Field field = plan.field(feature).orElseThrow();
            if (ArrowColumns.isNumeric(field)) {
                continue;
            }
            String encode =
                    "encode it with a one-hot transform after it, e.g. {type: one-hot, columns: [" + feature + "]}";
            Integer producer = transformed.producedBy().get(feature);
            if (producer != null) {
                problems.add(
                        transformAt(producer),
                        "feature '" + feature + "' holds " + typeName(field.getType())
                                + " after transforms[" + producer + "] ("
                                + transforms.get(producer).type()
                                + "), but models need numbers; " + encode + ", or leave it out of columns.features");
                continue;
            }
            Location at = featureLocations.getOrDefault(
                    feature,
                    columns.map(c -> c.location(DocumentOptions.FEATURES.name()))
                            .orElse(root.get("source").map(ConfigNode::location).orElse(root.location())));
            String passed = transforms.isEmpty()
                    ? ""
                    : " and passes unchanged through transforms[" + (transforms.size() - 1) + "] ("
                            + transforms.get(transforms.size() - 1).type() + ")";
            problems.add(
                    at,
                    "feature '" + feature + "' holds " + typeName(field.getType()) + passed
                            + ", but models need numbers; encode it with a transform, e.g. transforms: [{type: one-hot,"
                            + " columns: [" + feature + "]}], or leave it out of columns.features");
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
            if (node.isPresent()
                    && node.get() instanceof ConfigNode.Sequence s
                    && i < s.items().size()) {
                out.add(s.items().get(i).location());
            } else {
                out.add(config.location(key));
            }
        }
        return out;
    }
}
