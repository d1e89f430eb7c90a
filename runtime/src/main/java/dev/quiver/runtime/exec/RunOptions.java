package dev.quiver.runtime.exec;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a pipeline, beyond what its file says. Immutable.
 *
 * @param outputDir where to save the run instead of the pipeline's {@code output.dir}
 * @param resume continue from the newest checkpoint of an interrupted run of the same pipeline, if any
 * @param listener progress and warnings
 */
public record RunOptions(Optional<Path> outputDir, boolean resume, RunListener listener) {

    public RunOptions {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(listener, "listener");
    }

    /** The pipeline's own output folder, a fresh start, no listener. */
    public static RunOptions defaults() {
        return new RunOptions(Optional.empty(), false, RunListener.NONE);
    }

    public RunOptions withOutputDir(Path dir) {
        return new RunOptions(Optional.of(dir), resume, listener);
    }

    public RunOptions withResume(boolean value) {
        return new RunOptions(outputDir, value, listener);
    }

    public RunOptions withListener(RunListener value) {
        return new RunOptions(outputDir, resume, value);
    }
}
