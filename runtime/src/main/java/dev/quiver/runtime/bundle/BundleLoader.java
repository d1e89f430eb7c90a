package dev.quiver.runtime.bundle;

import static dev.quiver.runtime.bundle.JsonStateReader.damagedRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.pipeline.PluginRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Rebuilds a {@link FittedPipeline} from the JSON files of a run folder and refuses a damaged one: every key
 * of {@code model.json} and {@code transforms.json} must have its type, states are read strictly
 * ({@link JsonStateReader#forRun}), and the pieces must agree (the model's features exist after the
 * transforms, its classes and task are those {@code model.json} lists, the features are in
 * {@code schema.json}). Whatever disagrees is a {@link ErrorCode#DATA} "damaged run: FILE: key: what" at load,
 * so a damaged run never predicts. Stateless; called by {@link RunBundle#load}.
 */
final class BundleLoader {

    /** The run folder, which every error names with its file. */
    private final Path dir;

    private BundleLoader(Path dir) {
        this.dir = dir;
    }

    static FittedPipeline load(Path dir, PluginRegistry registry) throws IOException {
        return new BundleLoader(dir).load(registry);
    }

    private FittedPipeline load(PluginRegistry registry) throws IOException {
        JsonNode modelJson = RunBundle.readJson(dir.resolve(RunBundle.MODEL));
        if (!(modelJson instanceof ObjectNode)) {
            throw damagedRun(at(RunBundle.MODEL), "", "should be a JSON object, found " + type(modelJson));
        }
        String name = text(modelJson, "pipeline");
        long seed = integer(modelJson, "seed");
        String modelType = text(modelJson, "type");
        Task task = task(modelJson);
        List<String> features = strings(modelJson, "features");
        Optional<String> target = modelJson.has("target") ? Optional.of(text(modelJson, "target")) : Optional.empty();
        List<String> classes = strings(modelJson, "classes");
        Schema schema = schema(dir);

        PluginContext context = RunBundle.context(dir, seed);
        JsonNode transformsJson = RunBundle.readJson(dir.resolve(RunBundle.TRANSFORMS));
        if (!transformsJson.isArray()) {
            throw damagedRun(
                    at(RunBundle.TRANSFORMS),
                    "",
                    "should be a JSON array of {type, state}, found " + type(transformsJson));
        }
        List<FittedTransform> transforms = new ArrayList<>();
        for (int i = 0; i < transformsJson.size(); i++) {
            JsonNode t = transformsJson.get(i);
            String at = "[" + i + "]";
            if (!(t instanceof ObjectNode)) {
                throw damagedRun(
                        at(RunBundle.TRANSFORMS), at, "should be a JSON object {type, state}, found " + type(t));
            }
            String type = text(at(RunBundle.TRANSFORMS), at, t, "type");
            TransformFactory factory = registry.transforms().get(type);
            if (factory == null) {
                throw RunBundle.missingPlugin(dir, "transform", type);
            }
            JsonStateReader state = JsonStateReader.forRun(t.get("state"), at(RunBundle.TRANSFORMS), at + ".state");
            transforms.add(loading(at(RunBundle.TRANSFORMS), at + ".state", () -> factory.load(state, context)));
        }

        ModelFactory factory = registry.models().get(modelType);
        if (factory == null) {
            throw RunBundle.missingPlugin(dir, "model", modelType);
        }
        JsonStateReader state = JsonStateReader.forRun(modelJson.get("state"), at(RunBundle.MODEL), "state");
        Model model = loading(at(RunBundle.MODEL), "state", () -> factory.load(state, context));
        sameTransformsAsThePipeline(transforms);
        agree(schema, features, target, task, classes, transforms, model);
        return new FittedPipeline(name, schema, features, target, task, classes, transforms, model);
    }

    /** The checks across files: what no single state can know about itself. */
    private void agree(
            Schema schema,
            List<String> features,
            Optional<String> target,
            Task task,
            List<String> classes,
            List<FittedTransform> transforms,
            Model model) {
        Set<String> inSchema = names(schema);
        for (String feature : features) {
            if (!inSchema.contains(feature)) {
                throw damagedRun(
                        at(RunBundle.MODEL),
                        "features",
                        "lists '" + feature + "', which " + RunBundle.SCHEMA + " does not have (it has " + inSchema
                                + ")");
            }
        }
        if (target.isPresent() && !inSchema.contains(target.get())) {
            throw damagedRun(
                    at(RunBundle.MODEL),
                    "target",
                    "is '" + target.get() + "', which " + RunBundle.SCHEMA + " does not have (it has " + inSchema
                            + ")");
        }
        if (model.task() != task) {
            throw damagedRun(
                    at(RunBundle.MODEL),
                    "task",
                    "is " + task.label() + " but the saved model is "
                            + model.task().label());
        }
        if (!model.classes().equals(classes)) {
            throw damagedRun(
                    at(RunBundle.MODEL),
                    "classes",
                    "are " + classes + " but the saved model's classes are " + model.classes());
        }
        if (task.isClassification() && classes.size() < 2) {
            throw damagedRun(
                    at(RunBundle.MODEL),
                    "classes",
                    "a " + task.label() + " model needs at least two classes, " + "found " + classes);
        }
        Schema transformed = schema;
        for (int i = 0; i < transforms.size(); i++) {
            FittedTransform t = transforms.get(i);
            Schema input = transformed;
            transformed = loading(at(RunBundle.TRANSFORMS), "[" + i + "]", () -> t.outputSchema(input));
        }
        Set<String> available = names(transformed);
        for (String feature : model.features()) {
            if (!available.contains(feature)) {
                throw damagedRun(
                        at(RunBundle.MODEL),
                        "state.features",
                        "the model reads '" + feature + "', which the " + "transforms do not produce from "
                                + RunBundle.SCHEMA + " (they produce " + available + ")");
            }
        }
    }

    /**
     * The fitted transforms are one per entry of pipeline.yaml's {@code transforms:}, in order: a transforms.json
     * emptied or reordered would otherwise predict without its scaling and no state would notice. Only checked
     * when pipeline.yaml lists transforms (a document built in Java may leave them out).
     */
    private void sameTransformsAsThePipeline(List<FittedTransform> transforms) throws IOException {
        Path file = dir.resolve(RunBundle.PIPELINE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        Object document;
        try {
            document = new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw damagedRun(at(RunBundle.PIPELINE), "", "not readable YAML (" + e.getMessage() + ")");
        }
        if (!(document instanceof Map<?, ?> map) || !(map.get("transforms") instanceof List<?> entries)) {
            return;
        }
        List<String> expected = new ArrayList<>();
        for (Object entry : entries) {
            expected.add(entry instanceof Map<?, ?> m ? String.valueOf(m.get("type")) : String.valueOf(entry));
        }
        List<String> found = transforms.stream().map(FittedTransform::type).toList();
        if (!expected.equals(found)) {
            throw damagedRun(
                    at(RunBundle.TRANSFORMS),
                    "",
                    "lists the transforms " + found + " but " + RunBundle.PIPELINE + " has " + expected);
        }
    }

    /** Runs a plugin's load or schema step; its complaints about the state are damaged-run errors at {@code path}. */
    private <T> T loading(String file, String path, Supplier<T> step) {
        try {
            return step.get();
        } catch (QuiverException e) {
            throw e;
        } catch (IllegalStateException
                | IllegalArgumentException
                | IndexOutOfBoundsException
                | NegativeArraySizeException e) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    damagedRun(file, path, String.valueOf(e.getMessage())).getMessage(),
                    e);
        }
    }

    private Schema schema(Path dir) throws IOException {
        try {
            return Schema.fromJSON(Files.readString(dir.resolve(RunBundle.SCHEMA), StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("missing file " + RunBundle.SCHEMA, e);
        } catch (IOException | RuntimeException e) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    damagedRun(at(RunBundle.SCHEMA), "", "not an Arrow schema (" + e.getMessage() + ")")
                            .getMessage(),
                    e);
        }
    }

    /** A file of the run folder, as errors name it. */
    private String at(String file) {
        return dir.resolve(file).toString();
    }

    private Task task(JsonNode json) {
        String label = text(json, "task");
        try {
            return Task.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw damagedRun(
                    at(RunBundle.MODEL),
                    "task",
                    "'" + label + "' is not a task (one of "
                            + Arrays.stream(Task.values()).map(Task::label).toList() + ")");
        }
    }

    private String text(JsonNode json, String key) {
        return text(at(RunBundle.MODEL), "", json, key);
    }

    private String text(String file, String at, JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || !v.isTextual()) {
            throw damagedRun(file, at.isEmpty() ? key : at + "." + key, "should be a string, found " + type(v));
        }
        return v.textValue();
    }

    private long integer(JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw damagedRun(at(RunBundle.MODEL), key, "should be an integer, found " + type(v));
        }
        return v.longValue();
    }

    private List<String> strings(JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || !v.isArray()) {
            throw damagedRun(at(RunBundle.MODEL), key, "should be a list of strings, found " + type(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw damagedRun(
                        at(RunBundle.MODEL), key + "[" + i + "]", "should be a string, found " + type(v.get(i)));
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    private static Set<String> names(Schema schema) {
        return schema.getFields().stream()
                .map(Field::getName)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static String type(JsonNode v) {
        return v == null || v.isMissingNode()
                ? "nothing"
                : v.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
