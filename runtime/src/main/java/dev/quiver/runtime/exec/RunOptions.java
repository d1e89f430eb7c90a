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
 * @param threads how many cross-validation folds or tuning trials may run at once; results do not depend on it
 */
public record RunOptions(Optional<Path> outputDir, boolean resume, RunListener listener, int threads) {

    public RunOptions {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(listener, "listener");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Options with as many threads as the machine has cores. */
    public RunOptions(Optional<Path> outputDir, boolean resume, RunListener listener) {
        this(outputDir, resume, listener, Runtime.getRuntime().availableProcessors());
    }

    /** The pipeline's own output folder, a fresh start, no listener. */
    public static RunOptions defaults() {
        return new RunOptions(Optional.empty(), false, RunListener.NONE);
    }

    public RunOptions withOutputDir(Path dir) {
        return new RunOptions(Optional.of(dir), resume, listener, threads);
    }

    public RunOptions withResume(boolean value) {
        return new RunOptions(outputDir, value, listener, threads);
    }

    public RunOptions withListener(RunListener value) {
        return new RunOptions(outputDir, resume, value, threads);
    }

    public RunOptions withThreads(int value) {
        return new RunOptions(outputDir, resume, listener, value);
    }
}
