package dev.quiver.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What {@code quiver runs} and {@code quiver compare} read of a saved run, after checking its files' presence and
 * sizes against its marker (not their hashes: {@link RunMarker#verifySizes}): metrics.json, run.json (empty for a
 * run of an older Quiver), the resolved pipeline flattened to key paths as {@code --set} writes them, with each
 * data file's recorded hash as {@code data:FILE}, and the loss curves of history.csv. Immutable once read; any thread.
 *
 * @param dir the run folder
 * @param metrics metrics.json
 * @param facts run.json, or a missing node
 * @param parameters every leaf of pipeline.yaml by key path ({@code training.optimizer.lr -> 0.01}), in file order
 * @param epochs the epoch numbers of history.csv
 * @param trainLoss the training loss per epoch (NaN where none)
 * @param validationLoss the validation loss per epoch (NaN where none)
 */
public record SavedRun(
        Path dir,
        JsonNode metrics,
        JsonNode facts,
        Map<String, String> parameters,
        double[] epochs,
        double[] trainLoss,
        double[] validationLoss) {

    /** How a parameter a run's pipeline does not set (its plugin's default applies) is shown. */
    public static final String UNSET = "(unset)";

    /** The splits a headline metric is taken from, most held-out first (as {@code RunResult.metric} does). */
    private static final List<String> HEADLINE = List.of("test", "validation", "train");

    /**
     * Reads the run {@code dir}.
     *
     * @throws QuiverException {@link ErrorCode#DATA} when it is not a complete, undamaged run
     */
    public static SavedRun read(Path dir) {
        RunMarker.verifySizes(dir); // no hashing: runs and compare read many runs, and the files they read are small
        try {
            JsonNode metrics = RunBundle.readJson(dir.resolve(RunBundle.METRICS));
            JsonNode facts = Files.isRegularFile(dir.resolve(RunBundle.RUN))
                    ? RunBundle.readJson(dir.resolve(RunBundle.RUN))
                    : MissingNode.getInstance();
            Map<String, String> parameters = new LinkedHashMap<>();
            Object document = new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(dir.resolve(RunBundle.PIPELINE), StandardCharsets.UTF_8));
            flatten("", document, parameters);
            dataHashes(facts, parameters);
            List<double[]> curves = curves(dir.resolve(RunBundle.HISTORY));
            return new SavedRun(
                    dir,
                    metrics,
                    facts,
                    Collections.unmodifiableMap(parameters),
                    curves.get(0),
                    curves.get(1),
                    curves.get(2));
        } catch (IOException | RuntimeException e) {
            if (e instanceof QuiverException q) {
                throw q;
            }
            throw new QuiverException(ErrorCode.DATA, "Cannot read the run in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The run's id (run.json's, else the folder's name). */
    public String id() {
        return facts.path("id").isTextual()
                ? facts.path("id").asText()
                : dir.getFileName().toString();
    }

    /** The start time run.json records. */
    public Optional<String> started() {
        return facts.path("started").isTextual()
                ? Optional.of(facts.path("started").asText())
                : Optional.empty();
    }

    /** The run's duration in seconds as run.json records it. */
    public Optional<Double> seconds() {
        return facts.path("seconds").isNumber()
                ? Optional.of(facts.path("seconds").asDouble())
                : Optional.empty();
    }

    /**
     * The key metric: the first metric of the most held-out split scored ({@code test}, else {@code validation},
     * else {@code train}), as {@code "test accuracy" -> 0.95}; empty when the run scored nothing.
     */
    public Optional<Map.Entry<String, Double>> keyMetric() {
        for (String split : HEADLINE) {
            JsonNode values = metrics.path(split);
            if (values.isObject() && values.size() > 0) {
                Map.Entry<String, JsonNode> first =
                        values.properties().iterator().next();
                double v = first.getValue().isNumber() ? first.getValue().asDouble() : Double.NaN;
                return Optional.of(Map.entry(split + " " + first.getKey(), v));
            }
        }
        return Optional.empty();
    }

    /**
     * The key paths whose values are not the same in every run (a path one run lacks counts as differing), in the
     * order the runs' files list them; {@code name} is left out, since it names the history rather than a choice.
     */
    public static List<String> differingParameters(List<SavedRun> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.parameters().keySet()));
        List<String> differing = new ArrayList<>();
        for (String key : keys) {
            Set<String> values = new LinkedHashSet<>();
            runs.forEach(r -> values.add(r.parameters().getOrDefault(key, UNSET)));
            if (values.size() > 1 && !key.equals("name")) {
                differing.add(key);
            }
        }
        return differing;
    }

    /**
     * Each data file run.json records, as {@code data:FILE -> the first 12 hex digits of its SHA-256}: read from
     * run.json, never hashed again, so a comparison shows when the same pipeline read changed data.
     */
    private static void dataHashes(JsonNode facts, Map<String, String> parameters) {
        for (JsonNode file : facts.path("data")) {
            String path = file.path("path").asText("");
            String sha = file.path("sha256").asText("");
            if (!path.isEmpty() && sha.length() >= 12) {
                parameters.put("data:" + Path.of(path).getFileName(), sha.substring(0, 12));
            }
        }
    }

    private static void flatten(String path, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, out));
        } else if (node instanceof List<?> list && list.stream().anyMatch(v -> v instanceof Map<?, ?>)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + i + "]", list.get(i), out);
            }
        } else {
            out.put(path, String.valueOf(node));
        }
    }

    /** epoch, train_loss and validation_loss of history.csv (its first three columns, as History writes them). */
    private static List<double[]> curves(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int n = Math.max(0, lines.size() - 1);
        double[] epochs = new double[n];
        double[] train = new double[n];
        double[] validation = new double[n];
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            epochs[i] = number(cells, 0);
            train[i] = number(cells, 1);
            validation[i] = number(cells, 2);
        }
        return List.of(epochs, train, validation);
    }

    private static double number(String[] cells, int i) {
        return i < cells.length && !cells[i].isEmpty() ? Double.parseDouble(cells[i]) : Double.NaN;
    }
}
