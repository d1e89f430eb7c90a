package dev.quiver.runtime.plan.internal;

import static dev.quiver.runtime.plan.internal.DocumentOptions.CHECKPOINT_EVERY;
import static dev.quiver.runtime.plan.internal.DocumentOptions.FEATURES;
import static dev.quiver.runtime.plan.internal.DocumentOptions.LABELS;
import static dev.quiver.runtime.plan.internal.DocumentOptions.NAME;
import static dev.quiver.runtime.plan.internal.DocumentOptions.OUTPUT_DIR;
import static dev.quiver.runtime.plan.internal.DocumentOptions.OUTPUT_KEEP;
import static dev.quiver.runtime.plan.internal.DocumentOptions.OUTPUT_PREDICTIONS;
import static dev.quiver.runtime.plan.internal.DocumentOptions.SEED;
import static dev.quiver.runtime.plan.internal.DocumentOptions.TARGET;
import static dev.quiver.runtime.plan.internal.DocumentOptions.TASK;
import static dev.quiver.runtime.plan.internal.DocumentOptions.VERSION;

import dev.quiver.api.Location;
import dev.quiver.api.Task;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.plan.PipelineContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the document's own top-level settings, the ones no plugin makes: {@code version}, {@code name},
 * {@code seed}, {@code task}, {@code checkpoint}, {@code columns} and {@code output}. Every mistake is recorded
 * in the top level's problems, none thrown; a bad value still yields a usable default so the rest of the file is
 * checked too. Stateless; each call is confined to the loading thread.
 */
final class DocumentSection {

    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * The settings read from the top level.
     *
     * @param task the task written by the user, empty to infer it
     * @param taskAt where {@code task} is (or would be) written
     * @param columns the {@code columns:} section, already checked for unknown keys
     */
    record Header(
            String name,
            long seed,
            Optional<Task> task,
            Location taskAt,
            int checkpointEvery,
            Optional<YamlConfig> columns) {}

    private DocumentSection() {}

    /** The header of the document whose top level is {@code top}, loaded from {@code file}. */
    static Header read(YamlConfig top, Path file) {
        int version = top.get(VERSION);
        if (version != 1) {
            top.problem(VERSION.name(), "unsupported version " + version + "; this Quiver reads version 1");
        }
        String name = name(top, file);
        long seed = top.get(SEED);
        Optional<Task> task = Optional.ofNullable(top.get(TASK)).map(t -> Task.valueOf(t.toUpperCase(Locale.ROOT)));
        return new Header(name, seed, task, top.location(TASK.name()), checkpointEvery(top), columns(top));
    }

    /** Where the run is saved: {@code output.dir}, or {@code runs/NAME}, relative to the pipeline file. */
    static Path outputDir(YamlConfig top, String name, PipelineContext context) {
        Optional<String> dir = top.yamlSection("output").map(o -> {
            String written = o.get(OUTPUT_DIR);
            o.get(OUTPUT_PREDICTIONS); // checked here; the executor reads these two from the document
            o.get(OUTPUT_KEEP);
            o.checkUnknownKeys(List.of(OUTPUT_DIR.name(), OUTPUT_PREDICTIONS.name(), OUTPUT_KEEP.name()), "output");
            return written;
        });
        return context.resolvePath(dir.orElse("runs/" + name));
    }

    private static Optional<YamlConfig> columns(YamlConfig top) {
        Optional<YamlConfig> columns = top.yamlSection("columns");
        columns.ifPresent(c -> {
            c.get(FEATURES);
            c.get(TARGET);
            c.get(LABELS);
            c.checkUnknownKeys(List.of(FEATURES.name(), TARGET.name(), LABELS.name()), "columns");
        });
        return columns;
    }

    private static int checkpointEvery(YamlConfig top) {
        return top.yamlSection("checkpoint")
                .map(c -> {
                    int every = c.get(CHECKPOINT_EVERY);
                    c.checkUnknownKeys(List.of(CHECKPOINT_EVERY.name()), "checkpoint");
                    return every;
                })
                .orElse(0);
    }

    /** {@code name:}, or the file name without its extension (or {@code pipeline} when that is no valid name). */
    private static String name(YamlConfig top, Path file) {
        String name = top.get(NAME);
        if (name == null) {
            String fileName = file.getFileName().toString();
            int dot = fileName.lastIndexOf('.');
            name = dot > 0 ? fileName.substring(0, dot) : fileName;
            return NAME_PATTERN.matcher(name).matches() ? name : "pipeline";
        }
        if (!NAME_PATTERN.matcher(name).matches()) {
            top.problem(
                    NAME.name(),
                    "the name '" + name + "' names the output folder, so it must be letters,"
                            + " digits, '.', '_' and '-' only, starting with a letter or digit");
        }
        return name;
    }
}
