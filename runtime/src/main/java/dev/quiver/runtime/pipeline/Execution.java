package dev.quiver.runtime.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a pipeline runs: the {@code execution:} section, validated. {@code local} (the default, no section) runs
 * in this JVM; another engine ({@code spark}) is found by name through {@link java.util.ServiceLoader} when the
 * run starts (see {@link dev.quiver.runtime.exec.ExecutionEngine}). Immutable and thread-safe.
 *
 * @param engine the engine's name
 * @param options the section's other keys (say {@code master}), as plain values, already checked against the
 *     engine's declared options
 */
public record Execution(String engine, Map<String, Object> options) {

    /** The name of the engine that runs in this JVM. */
    public static final String LOCAL_ENGINE = "local";

    /** This JVM, no options: a pipeline without an {@code execution:} section. */
    public static final Execution LOCAL = new Execution(LOCAL_ENGINE, Map.of());

    public Execution {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public boolean isLocal() {
        return engine.equals(LOCAL_ENGINE);
    }
}
