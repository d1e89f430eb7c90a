package dev.quiver.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception type for failures a user can act on, and for internal errors worth a clear message.
 *
 * <p>A configuration failure carries every {@link Problem} found, not just the first. Messages are whole
 * sentences that say what was expected; the CLI prints {@link #getMessage()} and, only with {@code --debug},
 * the stack trace.
 */
public class QuiverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient List<Problem> problems;

    public QuiverException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public QuiverException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public QuiverException(ErrorCode code, String message, List<Problem> problems, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    /** A configuration failure listing every problem found. */
    public static QuiverException config(List<Problem> problems) {
        String text = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
        String head = problems.size() == 1 ? "Invalid pipeline:" : "Invalid pipeline (" + problems.size() + " problems):";
        return new QuiverException(ErrorCode.CONFIG, head + "\n" + text, problems, null);
    }

    /** A configuration failure at one location. */
    public static QuiverException config(Location location, String message) {
        return config(List.of(new Problem(location, message)));
    }

    /**
     * A data failure pointing at a cell: {@code file:row:column: message}. {@code row} is the 1-based line of the
     * file (header included) or the 0-based row of a batch when the data has no lines; pass 0 when unknown.
     */
    public static QuiverException data(String file, long row, String column, String message) {
        StringBuilder where = new StringBuilder(file);
        if (row > 0) {
            where.append(':').append(row);
        }
        if (column != null && !column.isEmpty()) {
            where.append(" column '").append(column).append('\'');
        }
        return new QuiverException(ErrorCode.DATA, where + ": " + message);
    }

    public ErrorCode code() {
        return code;
    }

    /** The located problems, for configuration failures; empty otherwise. */
    public List<Problem> problems() {
        return problems == null ? List.of() : problems;
    }
}
