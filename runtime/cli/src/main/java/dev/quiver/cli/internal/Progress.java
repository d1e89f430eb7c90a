package dev.quiver.cli.internal;

import dev.quiver.api.model.EpochStats;
import dev.quiver.runtime.exec.RunListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a run on stderr: one line per stage and per epoch (epoch, losses, rows per second). Warnings are
 * always shown; progress only when {@code verbose} (the CLI passes "stderr is a terminal"). Used from the run's
 * thread.
 */
public final class Progress implements RunListener {

    private final PrintStream err;
    private final boolean verbose;

    public Progress(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void stageStarted(String stage) {
        if (verbose) {
            err.println("[" + stage + "]");
        }
    }

    @Override
    public void epochEnded(EpochStats stats) {
        if (verbose) {
            StringBuilder line = new StringBuilder(
                    String.format(Locale.ROOT, "epoch %d  loss %.6g", stats.epoch(), stats.trainLoss()));
            if (Double.isFinite(stats.validationLoss())) {
                line.append(String.format(Locale.ROOT, "  validation %.6g", stats.validationLoss()));
            }
            if (stats.seconds() > 0) {
                line.append(String.format(Locale.ROOT, "  %,.0f rows/s", stats.rows() / stats.seconds()));
            }
            err.println(line);
        }
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + message);
    }
}
