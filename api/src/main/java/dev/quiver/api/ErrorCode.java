package dev.quiver.api;

/**
 * What went wrong, coarsely, and hence the CLI's exit code.
 *
 * <p>User mistakes ({@link #CONFIG}, {@link #USAGE}, {@link #DATA}, {@link #DIVERGED}) are reported as one
 * message without a stack trace; {@link #INTERNAL} is a bug in Quiver or a plugin.
 */
public enum ErrorCode {
    /** The pipeline file or a plugin option is invalid. */
    CONFIG(2),
    /** The command line is invalid. */
    USAGE(2),
    /** The data could not be read or does not fit the pipeline (missing file, bad cell, wrong column type). */
    DATA(3),
    /** Training produced a NaN or infinite loss. */
    DIVERGED(3),
    /** Anything else: a defect, reported with its stack trace. */
    INTERNAL(1);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
