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
    /** For {@link #inBatch}: the 0-based row of the batch, the column and the bare message; else -1 and null. */
    private final int batchRow;

    private final String column;
    private final String detail;

    public QuiverException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public QuiverException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public QuiverException(ErrorCode code, String message, List<Problem> problems, Throwable cause) {
        this(code, message, problems, cause, -1, null, null);
    }

    private QuiverException(
            ErrorCode code,
            String message,
            List<Problem> problems,
            Throwable cause,
            int batchRow,
            String column,
            String detail) {
        super(message, cause);
        this.code = code;
        this.problems = List.copyOf(problems);
        this.batchRow = batchRow;
        this.column = column;
        this.detail = detail;
    }

    /**
     * A data failure in row {@code row} (0-based) of the batch a transform was given. A transform cannot know
     * which file and line the batch came from; whoever applies it (the runtime) does, and replaces this with
     * {@link #locate}d copy. Unlocated, the message reads {@code batch row N column 'c': message}.
     */
    public static QuiverException inBatch(int row, String column, String message) {
        String where = "batch row " + (row + 1) + (column == null ? "" : " column '" + column + "'");
        return new QuiverException(ErrorCode.DATA, where + ": " + message, List.of(), null, row, column, message);
    }

    /**
     * A data failure about a whole column of the batch a transform was given (it lacks one the transform needs).
     * As with {@link #inBatch}, the runtime {@link #locate}s it at the batch's source; unlocated, the message
     * reads {@code batch column 'c': message}.
     */
    public static QuiverException inBatch(String column, String message) {
        return new QuiverException(
                ErrorCode.DATA, "batch column '" + column + "': " + message, List.of(), null, -1, column, message);
    }

    /** The 0-based batch row of an {@link #inBatch} failure, or -1 for any other (and for a whole column). */
    public int batchRow() {
        return batchRow;
    }

    /**
     * This {@link #inBatch} failure as a {@link #data} error at {@code file:line} (a whole-column one at
     * {@code file} alone); itself if it is no such failure.
     */
    public QuiverException locate(String file, long line) {
        if (detail == null) {
            return this;
        }
        if (batchRow < 0) {
            return new QuiverException(
                    ErrorCode.DATA, data(file, 0, column, detail).getMessage(), this);
        }
        return new QuiverException(
                ErrorCode.DATA, data(file, line, column, detail).getMessage(), this);
    }

    /** A configuration failure listing every problem found. */
    public static QuiverException config(List<Problem> problems) {
        String text = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
        String head =
                problems.size() == 1 ? "Invalid pipeline:" : "Invalid pipeline (" + problems.size() + " problems):";
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
