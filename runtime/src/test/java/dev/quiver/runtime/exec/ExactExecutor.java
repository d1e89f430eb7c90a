package dev.quiver.runtime.exec;

import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.telemetry.RunTelemetry;

/**
 * An {@link Executor} that saves each run into exactly its pipeline's output folder, as {@code quiver run --out}
 * does, for the tests of one run folder's contents and replacement rules (run histories have their own test,
 * {@code RunHistoryTest}). Thread-safe like the executor.
 */
final class ExactExecutor {

    private final Executor executor;

    ExactExecutor() {
        this(RunTelemetry.noop());
    }

    ExactExecutor(RunTelemetry telemetry) {
        this.executor = new Executor(telemetry);
    }

    RunResult run(Pipeline pipeline, RunOptions options) {
        return executor.run(
                pipeline,
                options.outputDir().isPresent()
                        ? options
                        : options.withOutputDir(pipeline.output().dir()));
    }
}
