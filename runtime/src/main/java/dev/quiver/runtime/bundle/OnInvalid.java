package dev.quiver.runtime.bundle;

/**
 * What {@link FittedPipeline#predict(org.apache.arrow.vector.VectorSchemaRoot,
 * org.apache.arrow.memory.BufferAllocator, OnInvalid) predict} does with a row it cannot score: a feature that is
 * missing, NaN or infinite once the transforms ran (an {@code impute} transform fills missing cells first), or a
 * cell that cannot be read as the type the model was trained on (text in a numeric column).
 *
 * <p>Immutable and thread-safe, as every enum.
 */
public enum OnInvalid {
    /** Fail with an {@link InvalidRowException} naming the first such row and its column: training's rule. */
    ERROR,
    /** Leave such rows out of the output. */
    SKIP,
    /** Keep such rows, with null in every prediction column. */
    NULL;

    /** The command-line spelling: {@code error}, {@code skip} or {@code null}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
