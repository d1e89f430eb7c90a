package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;

/**
 * A row {@link FittedPipeline#predict} cannot score ({@link ErrorCode#DATA}): which row of the batch (0-based),
 * which input column and why. The message names the batch row; a caller that knows where the batch came from
 * (the CLI: a file and the line the batch started at) rewords it with {@link #locatedAt}.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidRowException extends QuiverException {

    private static final long serialVersionUID = 1L;

    private static final String ADVICE = " Training rejects such rows too: add an impute transform to the pipeline "
            + "to fill missing values, fix the data, or choose to skip such rows or predict null for them (--on-invalid "
            + "skip|null on the command line, OnInvalid in the Java API).";

    private final int row;
    private final String column;
    private final String reason;

    InvalidRowException(int row, String column, String reason) {
        super(ErrorCode.DATA, "batch row " + row + " column '" + column + "': " + reason + "." + ADVICE);
        this.row = row;
        this.column = column;
        this.reason = reason;
    }

    /** The row in the batch passed to predict, 0-based. */
    public int row() {
        return row;
    }

    /** The input column at fault, as the user named it. */
    public String column() {
        return column;
    }

    /** What is wrong with the cell, e.g. "is missing" or "'abc' is not a number". */
    public String reason() {
        return reason;
    }

    /** The same error located as {@code where} (e.g. {@code data.csv:12}), with the column and reason. */
    public QuiverException locatedAt(String where) {
        return new QuiverException(ErrorCode.DATA, where + " column '" + column + "': " + reason + "." + ADVICE, this);
    }
}
