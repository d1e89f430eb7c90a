package dev.quiver.serve.internal;

/**
 * A request the server refuses: the HTTP status and a message for the caller, naming the column and row when a
 * cell is at fault. Thrown by the decoders on the request's thread and turned into a JSON body by
 * {@link Responses#error}.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String column;
    private final int row;

    public ApiError(int status, String message) {
        this(status, message, null, -1);
    }

    public ApiError(int status, String message, String column, int row) {
        super(message, null, false, false);
        this.status = status;
        this.column = column;
        this.row = row;
    }

    public int status() {
        return status;
    }

    /** The column at fault, or null. */
    public String column() {
        return column;
    }

    /** The 0-based row of the request at fault, or -1. */
    public int row() {
        return row;
    }
}
