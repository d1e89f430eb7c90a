package dev.quiver.cli.internal;

import dev.quiver.api.model.EpochStats;
import dev.quiver.runtime.exec.RunListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress of a run on stderr, in one of four {@link Style}s. Warnings are shown in every style but JSON, where
 * they are events too. Used from the run's thread (epochs on the training thread); not thread-safe.
 */
public final class Progress implements RunListener {

    /** How progress is shown. */
    public enum Style {
        /** stderr is a terminal: one line rewritten in place (epoch, loss, rows/s, time left), stages and notes. */
        LIVE,
        /** stderr is a file or a pipe (CI logs): an epoch line once training has run 10 s, then every 10 s. */
        PLAIN,
        /** {@code --json}: one JSON object a line per stage, epoch, note and warning. */
        JSON,
        /** {@code --quiet}: warnings only. */
        QUIET
    }

    static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream err;
    private final Style style;
    private final LongSupplier nanoClock;

    private int epochs;
    private long trainingStart;
    private long lastPlainLine;
    /** A live line is on the terminal without its newline: anything else printed must end it first. */
    private boolean lineOpen;

    public Progress(PrintStream err, Style style) {
        this(err, style, System::nanoTime);
    }

    Progress(PrintStream err, Style style, LongSupplier nanoClock) {
        this.err = err;
        this.style = style;
        this.nanoClock = nanoClock;
    }

    @Override
    public void stageStarted(String stage) {
        switch (style) {
            case LIVE -> line("[" + stage + "]");
            case JSON -> event("stage", Map.of("stage", stage));
            default -> {}
        }
    }

    @Override
    public void trainingStarted(int epochs) {
        this.epochs = epochs;
        this.trainingStart = nanoClock.getAsLong();
        this.lastPlainLine = trainingStart;
    }

    @Override
    public void epochEnded(EpochStats stats) {
        long now = nanoClock.getAsLong();
        double elapsed = (now - trainingStart) / 1e9;
        double left = epochs > 0 && stats.epoch() > 0 ? elapsed / stats.epoch() * (epochs - stats.epoch()) : Double.NaN;
        switch (style) {
            case LIVE -> {
                err.print("\r" + describe(stats) + eta(left) + "\u001b[K");
                err.flush();
                lineOpen = true;
            }
            case PLAIN -> {
                if (now - lastPlainLine >= PLAIN_INTERVAL_NANOS
                        || (stats.epoch() == epochs && lastPlainLine != trainingStart)) {
                    lastPlainLine = now;
                    err.println(describe(stats) + eta(left));
                }
            }
            case JSON -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("epoch", stats.epoch());
                fields.put("epochs", epochs);
                fields.put("trainLoss", finiteOrNull(stats.trainLoss()));
                fields.put("validationLoss", finiteOrNull(stats.validationLoss()));
                fields.put("rowsPerSecond", stats.seconds() > 0 ? stats.rows() / stats.seconds() : null);
                fields.put("secondsLeft", finiteOrNull(left));
                event("epoch", fields);
            }
            case QUIET -> {}
        }
    }

    @Override
    public void note(String message) {
        switch (style) {
            case LIVE, PLAIN -> line(message);
            case JSON -> event("note", Map.of("message", message));
            case QUIET -> {}
        }
    }

    @Override
    public void warn(String message) {
        if (style == Style.JSON) {
            event("warning", Map.of("message", message));
        } else {
            line("warning: " + message);
        }
    }

    private String describe(EpochStats stats) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "epoch %d", stats.epoch()));
        if (epochs > 0) {
            text.append('/').append(epochs);
        }
        text.append(String.format(Locale.ROOT, "  loss %.6g", stats.trainLoss()));
        if (Double.isFinite(stats.validationLoss())) {
            text.append(String.format(Locale.ROOT, "  validation %.6g", stats.validationLoss()));
        }
        if (stats.seconds() > 0) {
            text.append(String.format(Locale.ROOT, "  %,.0f rows/s", stats.rows() / stats.seconds()));
        }
        return text.toString();
    }

    private static String eta(double secondsLeft) {
        if (!Double.isFinite(secondsLeft) || secondsLeft <= 0) {
            return "";
        }
        long s = Math.round(secondsLeft);
        return s >= 60 ? String.format(Locale.ROOT, "  %dm%02ds left", s / 60, s % 60) : "  " + s + "s left";
    }

    private void line(String text) {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
        err.println(text);
    }

    private void event(String kind, Map<String, ?> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", kind);
        event.putAll(fields);
        err.println(Json.compact(event));
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
