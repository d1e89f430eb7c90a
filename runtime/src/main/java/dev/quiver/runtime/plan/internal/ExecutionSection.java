package dev.quiver.runtime.plan.internal;

import dev.quiver.api.config.Option;
import dev.quiver.runtime.config.Hints;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.exec.ExecutionEngine;
import dev.quiver.runtime.exec.internal.Engines;
import dev.quiver.runtime.pipeline.Execution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads {@code execution: {engine: NAME, ...}}: the engine must be {@code local} or one found on the class path
 * (see {@link Engines}), and the other keys must be that engine's options. An engine Quiver knows but the class
 * path lacks (spark without its module) is a located problem saying which jar to add; an unknown name gets a
 * did-you-mean. One use per document, on the assembling thread.
 */
final class ExecutionSection {

    static final Option<String> ENGINE = Option.string("engine", Execution.LOCAL_ENGINE)
            .describe("Where the pipeline runs: local (this JVM) or an engine on the class path, e.g. spark.");

    private ExecutionSection() {}

    static Execution read(YamlConfig top) {
        Optional<YamlConfig> section = top.yamlSection("execution");
        if (section.isEmpty()) {
            return Execution.LOCAL;
        }
        YamlConfig config = section.get();
        String engine = config.get(ENGINE);
        if (engine == null || engine.equals(Execution.LOCAL_ENGINE)) {
            config.checkUnknownKeys(List.of(ENGINE.name()), "execution engine 'local'");
            return Execution.LOCAL;
        }
        Map<String, ExecutionEngine> available = Engines.available();
        ExecutionEngine found = available.get(engine);
        if (found == null) {
            if (Engines.KNOWN.containsKey(engine)) {
                config.problem(
                        ENGINE.name(),
                        "engine '" + engine + "' is not on the class path; add " + Engines.KNOWN.get(engine) + ".");
            } else {
                TreeSet<String> names = new TreeSet<>(available.keySet());
                names.addAll(Engines.KNOWN.keySet());
                names.add(Execution.LOCAL_ENGINE);
                config.problem(
                        ENGINE.name(), "unknown engine '" + engine + "'" + Hints.unknown(engine, names, "engines"));
            }
            return Execution.LOCAL;
        }
        Map<String, Object> options = new LinkedHashMap<>();
        List<String> declared = new ArrayList<>(List.of(ENGINE.name()));
        for (Option<?> option : found.options()) {
            declared.add(option.name());
            Object value = config.get(option);
            if (value != null) {
                options.put(option.name(), value);
            }
        }
        config.checkUnknownKeys(declared, "execution engine '" + engine + "'");
        return new Execution(engine, options);
    }
}
