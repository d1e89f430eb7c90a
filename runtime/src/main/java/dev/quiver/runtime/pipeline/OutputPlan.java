package dev.quiver.runtime.pipeline;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a {@link Pipeline}'s run is saved and the document saved with it. Immutable and thread-safe when the
 * document is (the loader's is plain, unmodified maps and lists).
 *
 * @param dir where the run is saved
 * @param document the resolved pipeline document (after {@code ${VAR}} and {@code --set}), as plain maps and
 *     lists, saved with the run
 */
public record OutputPlan(Path dir, Map<String, Object> document) {

    /** This output with {@code value} as its document. */
    public OutputPlan withDocument(Map<String, Object> value) {
        return new OutputPlan(dir, value);
    }
}
