package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.telemetry.RunTelemetry;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One step of a run: a named child allocator and a telemetry span that live exactly as long as the step.
 *
 * <p>Closing the allocator at the end of a stage is the leak check: anything a plugin allocated during the
 * stage and did not release fails the run with an internal error naming the stage. When the stage itself
 * failed, a leak is only attached to the original error (a plugin that throws may not have cleaned up, and
 * the user needs its message, not ours). Confined to the run's thread.
 */
public final class Stage implements AutoCloseable {

    private final String name;
    private final BufferAllocator allocator;
    private final RunTelemetry.Trace trace;
    private boolean failed;

    private Stage(String name, BufferAllocator allocator, RunTelemetry.Trace trace) {
        this.name = name;
        this.allocator = allocator;
        this.trace = trace;
    }

    /** Starts stage {@code name}: a child of {@code parent} allocator and of {@code run}'s span. */
    public static Stage start(String name, BufferAllocator parent, RunTelemetry.Trace run) {
        BufferAllocator child = parent.newChildAllocator(name, 0, Long.MAX_VALUE);
        return new Stage(name, child, run.stage(name));
    }

    public String name() {
        return name;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** Records that the stage failed with {@code error}, which the caller then rethrows. */
    public RuntimeException fail(RuntimeException error) {
        failed = true;
        trace.fail(error);
        return error;
    }

    @Override
    public void close() {
        try {
            closeChecked(allocator, name, failed);
        } finally {
            trace.close();
        }
    }

    /**
     * Closes {@code allocator}, turning outstanding buffers into an internal error that names {@code owner};
     * when {@code quiet}, a leak is swallowed because a more useful error is already on its way.
     */
    public static void closeChecked(BufferAllocator allocator, String owner, boolean quiet) {
        long leaked = allocator.getAllocatedMemory();
        String detail = leaked == 0 ? "" : allocator.toVerboseString();
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            if (!quiet) {
                throw new QuiverException(
                        ErrorCode.INTERNAL,
                        "Arrow memory leaked in stage '" + owner + "': "
                                + leaked + " bytes were still allocated when it ended. A plugin used in this stage did "
                                + "not close a batch or vector it allocated.\n" + detail,
                        e);
            }
        }
    }
}
