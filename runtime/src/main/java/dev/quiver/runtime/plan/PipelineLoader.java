package dev.quiver.runtime.plan;

import dev.quiver.api.QuiverException;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Overrides;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.SafeYaml;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.plan.internal.Assembler;
import dev.quiver.runtime.plan.internal.TuneSection;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a pipeline file into a validated, planned {@link Pipeline}, reading no data beyond the source's schema.
 *
 * <p>The steps: (1) safe YAML ({@link SafeYaml}: no tags, no duplicate keys, size, depth and alias bounds),
 * {@code ${VAR}} replacement, {@code --set} overrides ({@link Overrides}), the document's own keys; (2) every
 * component made by its factory with a located {@link dev.quiver.runtime.config.YamlConfig}, then unknown keys
 * checked against the options it declares; (3) the plan: the source's schema, feature and target columns,
 * each transform's plan, numeric features, and the task against the model, loss and metrics; (4) with a
 * {@code tune:} section, every trial drawn and loaded as the pipeline with its parameters applied, so that a
 * space key the pipeline lacks is reported before anything runs.
 *
 * <p>Every problem of every step is reported at once, in one {@link QuiverException#config(List)}, each as
 * {@code file:line:col: message [key.path]}. A missing data file is such a problem (exit 2), located at
 * {@code source.path}. Thread-safe: each call works on its own state.
 */
public final class PipelineLoader {

    /** How problems in a pipeline given as text are located. */
    static final String TEXT_NAME = "<yaml>";

    /** The file a pipeline given as text behaves as, in its base folder: its default name is {@code pipeline}. */
    static final String TEXT_FILE = "pipeline.yaml";

    private final PluginRegistry registry;

    @Inject
    public PipelineLoader(PluginRegistry registry) {
        this.registry = registry;
    }

    /** {@link #load(Path, List, Map)} with the process environment. */
    public Pipeline load(Path file, List<String> sets) {
        return load(file, sets, System.getenv());
    }

    /**
     * Loads, validates and plans a pipeline file.
     *
     * @param file the pipeline file; messages name it as given, relative paths in it resolve against its folder
     * @param sets {@code key.path=value} overrides, applied in order after {@code ${VAR}} replacement
     * @param env the variables {@code ${VAR}} may name
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#CONFIG}) listing every problem found
     */
    public Pipeline load(Path file, List<String> sets, Map<String, String> env) {
        Problems problems = new Problems();
        return assemble(file, SafeYaml.read(file, file.toString(), env, problems), sets, problems);
    }

    /**
     * Loads, validates and plans a pipeline given as text, as {@link #load(Path, List, Map)} a file holding it
     * in {@code baseFolder}: relative paths resolve against that folder; locations name {@code <yaml>}, and
     * the name defaults to {@code pipeline}.
     */
    public Pipeline loadText(String yaml, Path baseFolder, List<String> sets, Map<String, String> env) {
        Problems problems = new Problems();
        Path file = baseFolder.resolve(TEXT_FILE);
        return assemble(file, SafeYaml.parse(yaml, TEXT_NAME, env, problems), sets, problems);
    }

    private Pipeline assemble(Path file, Optional<ConfigNode.Mapping> document, List<String> sets, Problems problems) {
        if (document.isEmpty()) {
            problems.throwIfAny();
        }
        ConfigNode.Mapping root = Overrides.apply(document.get(), sets, problems);
        Optional<Pipeline> pipeline = new Assembler(registry, file, problems).assemble(root);
        if (pipeline.isPresent() && root.get("tune").isPresent()) {
            pipeline = new TuneSection(registry, file, problems)
                    .search(root, pipeline.get())
                    .map(pipeline.get()::withSearch);
        }
        problems.throwIfAny();
        return pipeline.orElseThrow(() -> new IllegalStateException("no pipeline and no problem for " + file));
    }
}
