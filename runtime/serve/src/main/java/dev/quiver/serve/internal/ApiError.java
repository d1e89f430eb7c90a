package dev.quiver.serve.internal;

/**
 * A request the server refuses: the HTTP status and a message for the caller, naming the column and row when a
 * cell is at fault. Thrown by the decoders on the request's thread and turned into a JSON body by
 * {@link Responses#error}.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String kind;
    private final String column;
    private final int row;

    public ApiError(int status, String message) {
        this(status, message, null, -1);
    }

    public ApiError(int status, String message, String column, int row) {
        this(status, kindOf(status), message, column, row);
    }

    /** An error of a kind more precise than its status says ({@code busy}, {@code draining}, {@code queue_timeout}). */
    public ApiError(int status, String kind, String message) {
        this(status, kind, message, null, -1);
    }

    private ApiError(int status, String kind, String message, String column, int row) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
        this.column = column;
        this.row = row;
    }

    private static String kindOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            default -> "internal";
        };
    }

    /** The kind of error, for the {@code error_type} of the request metrics: {@code bad_request}, {@code timeout}... */
    public String kind() {
        return kind;
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
