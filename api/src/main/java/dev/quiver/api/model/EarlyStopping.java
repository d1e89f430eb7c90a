package dev.quiver.api.model;

import java.util.List;

/**
 * {@code training.earlyStopping: {monitor, mode, patience, minDelta, restoreBest}}: tolerate {@code patience}
 * epochs in a row whose monitored figure does not improve on the best by more than {@code minDelta}, and stop at
 * the next such epoch (so the run ends {@code patience + 1} epochs after its best, one later than Keras'
 * {@code patience} would), optionally going back to the best epoch's parameters. Read by the runtime into the
 * {@link TrainingSetup}; immutable.
 *
 * @param monitor {@link #VALIDATION_LOSS}, {@link #TRAIN_LOSS} or {@link #VALIDATION_ACCURACY}
 * @param maximize whether higher is better ({@code mode: max}; by default only for accuracy)
 */
public record EarlyStopping(String monitor, boolean maximize, int patience, double minDelta, boolean restoreBest) {

    public static final String VALIDATION_LOSS = "validation_loss";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String VALIDATION_ACCURACY = "validation_accuracy";

    /** The figures a {@code monitor} may name. */
    public static final List<String> MONITORS = List.of(VALIDATION_LOSS, TRAIN_LOSS, VALIDATION_ACCURACY);

    public EarlyStopping {
        if (!MONITORS.contains(monitor)) {
            throw new IllegalArgumentException("monitor must be one of " + MONITORS + ", got " + monitor);
        }
        if (patience < 0 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("patience and minDelta must be >= 0");
        }
    }

    /** The same settings watching {@code figure} instead (lower is better unless it is an accuracy). */
    public EarlyStopping monitoring(String figure) {
        return new EarlyStopping(figure, figure.equals(VALIDATION_ACCURACY), patience, minDelta, restoreBest);
    }

    /** Whether {@code value} improves on {@code best} by more than {@code minDelta}; NaN never does. */
    public boolean improves(double value, double best) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(value);
        }
        return maximize ? value > best + minDelta : value < best - minDelta;
    }
}
