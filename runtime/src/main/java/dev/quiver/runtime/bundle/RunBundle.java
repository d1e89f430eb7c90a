package dev.quiver.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.Model;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.runtime.pipeline.PluginRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The files of a run folder, and how a fitted pipeline is written to and rebuilt from them.
 *
 * <pre>
 * pipeline.yaml      the resolved pipeline document (after ${VAR} and --set)
 * schema.json        the Arrow schema of the training data, as read from the source
 * transforms.json    [{"type": ..., "state": {...}}, ...] the fitted transforms, in order
 * model.json         {"type", "task", "features", "target", "classes", "pipeline", "seed", "state": {...}}
 * metrics.json       {"train": {metric: value}, "validation": {...}, "test": {...}   (no absent splits; NaN: null)
 *                     "details": {split: {metric: details}}          (only for metrics with details)
 *                     "training": {"seconds", "rowsPerSecond" (row-epochs/s), "rowEpochs", "rows", "epochs"}
 *                     "cv": {"folds": [{"trainRows", "validationRows", "train": {...}, "validation": {...}}, ...],
 *                            "mean": {metric: value}, "std": {...}}    (cross-validation: held-out fold scores)
 *                     "tune": {"strategy", "objective": {"metric", "goal", "on"}, "best": index,
 *                              "trials": [{"params": {key.path: value}, "score", "error"?}, ...]}}   (tuning)
 * history.csv        one row per epoch
 * predictions.arrow  the evaluated split with its predictions (Arrow IPC file)
 * report.html        the self-contained report
 * run.json           {"format", "id", "pipeline": {"name", "file", "sha256"}, "started", "finished", "seconds",
 *                     "seed", "resumedFromEpoch"?, "data": [{"path", "size", "sha256"}], "quiver": {"version",
 *                     "commit"}, "jvm": {..}, "os": {..}, "cores", "maxHeapBytes", "kernel"}
 * quiver-run.json    the run marker, written at commit: {"format", "quiver", "files": {name: {"format", "size",
 *                     "sha256"}}}
 * </pre>
 *
 * <p>States are JSON ({@link JsonStateWriter}); arrays are stored bit for bit, so a reloaded pipeline predicts
 * exactly what the trained one did. The executor writes these files into a temporary folder renamed into place
 * at the end ({@link AtomicDirectory}); the commit adds {@code quiver-run.json} ({@link RunMarker}), the marker
 * that makes the folder a run and lists every file's format version, size and SHA-256. Loading checks them all
 * first. Stateless and thread-safe.
 */
public final class RunBundle {

    public static final String PIPELINE = "pipeline.yaml";
    public static final String SCHEMA = "schema.json";
    public static final String TRANSFORMS = "transforms.json";
    public static final String MODEL = "model.json";
    public static final String METRICS = "metrics.json";
    public static final String HISTORY = "history.csv";
    public static final String PREDICTIONS = "predictions.arrow";
    public static final String REPORT = "report.html";
    /** What makes the run reproducible and comparable (see {@code RunFacts}); absent in runs of older Quivers. */
    public static final String RUN = "run.json";

    /** Shared: an ObjectMapper is thread-safe once configured. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunBundle() {}

    /** Whether {@code dir} holds a complete run: a folder its {@link RunMarker} describes. */
    public static boolean isRun(Path dir) {
        return RunMarker.isRun(dir, java.util.Set.of());
    }

    /** Writes the fitted pipeline's files: pipeline.yaml, schema.json, transforms.json and model.json. */
    public static void writeModel(Path dir, FittedPipeline fitted, long seed, Map<String, Object> document) {
        writeText(dir.resolve(PIPELINE), yaml(document));
        writeText(dir.resolve(SCHEMA), fitted.inputSchema().toJson());

        ArrayNode transforms = JSON.createArrayNode();
        for (FittedTransform t : fitted.transforms()) {
            JsonStateWriter state = JsonStateWriter.create();
            t.save(state);
            transforms.addObject().put("type", t.type()).set("state", state.json());
        }
        writeJson(dir.resolve(TRANSFORMS), transforms);

        Model model = fitted.model();
        JsonStateWriter state = JsonStateWriter.create();
        model.save(state);
        ObjectNode json = JSON.createObjectNode();
        json.put("format", 1)
                .put("pipeline", fitted.name())
                .put("seed", seed)
                .put("type", model.type())
                .put("task", fitted.task().label());
        fitted.features().forEach(json.putArray("features")::add);
        fitted.target().ifPresent(t -> json.put("target", t));
        fitted.classes().forEach(json.putArray("classes")::add);
        json.set("state", state.json());
        writeJson(dir.resolve(MODEL), json);
    }

    /** The resolved pipeline document as block-style YAML, as pipeline.yaml holds it. */
    public static String yaml(Map<String, Object> document) {
        return new Dump(DumpSettings.builder()
                        .setDefaultFlowStyle(FlowStyle.BLOCK)
                        .build())
                .dumpToString(document);
    }

    /**
     * Rebuilds the fitted pipeline of the run in {@code dir} through the factories' {@code load} methods.
     *
     * @throws QuiverException {@link ErrorCode#DATA} when the folder is not a run or is damaged;
     *     {@link ErrorCode#CONFIG} when a plugin it needs is not installed
     */
    public static FittedPipeline load(Path dir, PluginRegistry registry) {
        AtomicDirectory.recover(dir);
        RunMarker.verify(dir);
        try {
            return BundleLoader.load(dir, registry);
        } catch (IllegalStateException | IllegalArgumentException | IOException | UncheckedIOException e) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "The run in " + dir + " is damaged or was written by an " + "incompatible version: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The run's metrics.json as a tree. */
    public static JsonNode metrics(Path dir) {
        try {
            return readJson(dir.resolve(METRICS));
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot read " + dir.resolve(METRICS) + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSON file of a run. */
    public static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new IOException("missing file " + file.getFileName(), e);
        }
    }

    /** Writes {@code value} (maps, lists, numbers, strings, JsonNodes) as indented JSON. */
    public static void writeJson(Path file, Object value) {
        try {
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static QuiverException missingPlugin(Path dir, String kind, String type) {
        return new QuiverException(
                ErrorCode.CONFIG,
                "The run in " + dir + " needs the " + kind + " plugin '" + type
                        + "', which is not installed. Add the plugin that provides it to the classpath.");
    }

    static PluginContext context(Path dir, long seed) {
        return new PluginContext() {
            @Override
            public Path resolvePath(String path) {
                return dir.resolve(path);
            }

            @Override
            public long seed() {
                return seed;
            }
        };
    }
}
