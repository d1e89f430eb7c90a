package dev.quiver.runtime.exec;

/**
 * An engine other than this JVM that {@code quiver predict --engine NAME} hands a saved run's prediction to, such
 * as the optional Spark module's {@code spark}. Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.quiver.runtime.exec.PredictionEngine} entry), exactly as an
 * {@link ExecutionEngine} is, so the runtime and the command line never depend on the engine's libraries.
 *
 * <p>Implementations must be stateless and thread-safe and have a public no-argument constructor; {@link #predict}
 * runs on the caller's thread.
 */
public interface PredictionEngine {

    /** The name {@code --engine} gives, e.g. {@code spark}. */
    String name();

    /**
     * Predicts every row of {@code job}'s input with its saved run and writes the output folder it names.
     *
     * @throws dev.quiver.api.QuiverException a user error ({@code USAGE}: a bad option or an output that exists;
     *     {@code DATA}: unreadable input or a row refused under {@code --on-invalid error}) or a failure of the
     *     engine
     */
    PredictionSummary predict(PredictionJob job);
}
