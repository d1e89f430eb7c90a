package dev.quiver.runtime.exec;

import dev.quiver.api.config.Option;
import java.util.List;

/**
 * An engine other than this JVM that a pipeline asks for with {@code execution: {engine: NAME, ...}}, such as the
 * optional Spark module's {@code spark}. Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.quiver.runtime.exec.ExecutionEngine} entry), so the runtime never depends on the
 * engine's libraries: a jar on the class path is all it takes. The validation step checks the section's keys
 * against {@link #options()}; {@link #run} is called on the thread that runs the pipeline.
 *
 * <p>Implementations must be stateless and thread-safe (one instance serves every run of the process) and have
 * a public no-argument constructor.
 */
public interface ExecutionEngine {

    /** The name {@code execution.engine} gives, e.g. {@code spark}. */
    String name();

    /** The keys of {@code execution:} besides {@code engine}, with their types and defaults. */
    List<Option<?>> options();

    /**
     * Runs {@code run}'s pipeline: typically fits on the engine and hands the fitted pieces back through
     * {@link EngineRun#complete}, which evaluates and saves the run folder as a local run does.
     *
     * @throws dev.quiver.api.QuiverException for what the engine cannot do with this pipeline ({@code CONFIG}),
     *     data errors and failures of the engine itself
     */
    RunResult run(EngineRun run);
}
