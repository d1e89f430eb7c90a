package dev.quiver.engine.train;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import java.util.List;

/**
 * {@code earlyStopping: {monitor, mode, patience, minDelta, restoreBest}}: tolerate {@code patience} epochs in a
 * row whose monitored figure does not improve on the best by more than {@code minDelta}, and stop at the next
 * such epoch (so the run ends {@code patience + 1} epochs after its best, one later than Keras' {@code patience}
 * would), optionally going back to the best epoch's parameters. Immutable.
 *
 * @param monitor {@code validation_loss}, {@code train_loss} or {@code validation_accuracy}
 * @param maximize whether higher is better ({@code mode: max}; by default only for accuracy)
 */
public record EarlyStopping(String monitor, boolean maximize, int patience, double minDelta, boolean restoreBest) {

    static final String VALIDATION_LOSS = "validation_loss";
    static final String TRAIN_LOSS = "train_loss";
    static final String VALIDATION_ACCURACY = "validation_accuracy";

    static final Option<String> MONITOR = Option.choice("monitor", VALIDATION_LOSS, VALIDATION_LOSS, TRAIN_LOSS,
            VALIDATION_ACCURACY).describe("The per-epoch figure to watch.");
    static final Option<String> MODE = Option.choice("mode", "auto", "auto", "min", "max")
            .describe("min: lower is better; max: higher is better; auto: max for accuracy, min for losses.");
    static final Option<Integer> PATIENCE = Option.integer("patience", 5).atLeast(0)
            .describe("Epochs without improvement tolerated before stopping.");
    static final Option<Double> MIN_DELTA = Option.real("minDelta", 0.0).atLeast(0)
            .describe("The least change that counts as an improvement.");
    static final Option<Boolean> RESTORE_BEST = Option.bool("restoreBest", true)
            .describe("End with the parameters of the best epoch rather than the last.");

    static List<Option<?>> options() {
        return List.of(MONITOR, MODE, PATIENCE, MIN_DELTA, RESTORE_BEST);
    }

    static EarlyStopping fromConfig(Config config) {
        TrainingOptions.rejectUnknownKeys(config, "earlyStopping", options());
        String monitor = config.get(MONITOR);
        String mode = config.get(MODE);
        boolean maximize = mode.equals("auto") ? monitor.equals(VALIDATION_ACCURACY) : mode.equals("max");
        return new EarlyStopping(monitor, maximize, config.get(PATIENCE), config.get(MIN_DELTA),
                config.get(RESTORE_BEST));
    }

    /** Whether {@code value} improves on {@code best} by more than {@code minDelta}. */
    boolean improves(double value, double best) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(value);
        }
        return maximize ? value > best + minDelta : value < best - minDelta;
    }
}
