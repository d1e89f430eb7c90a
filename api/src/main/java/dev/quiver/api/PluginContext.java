package dev.quiver.api;

import java.nio.file.Path;

/**
 * What the runtime offers a factory while it creates a component.
 *
 * <p>Every method defaults to throwing {@link UnsupportedOperationException} so that a test context needs to
 * implement only what the component under test uses. The runtime's context is immutable and thread-safe.
 */
public interface PluginContext {

    /**
     * Resolves a path written in a pipeline file: absolute paths are kept, relative ones are taken against the
     * pipeline file's folder (not the working directory, so a pipeline runs the same from anywhere).
     */
    default Path resolvePath(String path) {
        throw new UnsupportedOperationException("resolvePath");
    }

    /** The pipeline's seed, from which every random choice in a run is derived. */
    default long seed() {
        throw new UnsupportedOperationException("seed");
    }

    /** Shows the user a warning (on stderr for the CLI, a log record when embedded). */
    default void warn(String message) {
        System.getLogger("dev.quiver").log(System.Logger.Level.WARNING, message);
    }
}
