package dev.quiver.optim.schedule;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Schedule;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.optim.schedule.internal.PlateauScheduler;
import java.util.Locale;

/**
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: multiplies the rate by {@code factor} once the monitored
 * figure has not improved for more than {@code patience} epochs, then waits {@code cooldown} epochs before
 * counting again; never below {@code minLr}, and a reduction smaller than {@code eps} is skipped. Immutable.
 *
 * @param mode whether lower ({@code MIN}, losses) or higher ({@code MAX}, accuracies) is better
 * @param factor the multiplier, in [0, 1)
 * @param patience epochs without improvement tolerated
 * @param threshold the least change that counts as improvement
 * @param thresholdMode {@code REL}: relative to the best value; {@code ABS}: absolute
 * @param cooldown epochs to wait after a reduction
 * @param minLr the lowest learning rate
 * @param eps reductions smaller than this are not applied
 */
public record ReduceOnPlateau(
        Mode mode,
        double factor,
        int patience,
        double threshold,
        ThresholdMode thresholdMode,
        int cooldown,
        double minLr,
        double eps)
        implements Schedule {

    /** Which direction is better. */
    public enum Mode {
        MIN,
        MAX;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How {@code threshold} is applied. */
    public enum ThresholdMode {
        REL,
        ABS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReduceOnPlateau {
        if (!(factor >= 0.0 && factor < 1.0)) {
            throw new IllegalArgumentException("factor must be in [0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0) {
            throw new IllegalArgumentException(
                    "patience and cooldown must be >= 0, got " + patience + " and " + cooldown);
        }
        if (!(threshold >= 0.0) || !(minLr >= 0.0) || !(eps >= 0.0)) {
            throw new IllegalArgumentException("threshold, minLr and eps must be >= 0");
        }
    }

    /** PyTorch's defaults: min, factor 0.1, patience 10, threshold 1e-4 relative, no cooldown, minLr 0. */
    public static ReduceOnPlateau defaults() {
        return new ReduceOnPlateau(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0.0, 1e-8);
    }

    /** Whether {@code value} improves on {@code best} by more than the threshold (PyTorch's {@code is_better}). */
    public boolean isBetter(double value, double best) {
        boolean relative = thresholdMode == ThresholdMode.REL;
        return switch (mode) {
            case MIN -> relative ? value < best * (1.0 - threshold) : value < best - threshold;
            case MAX -> relative ? value > best * (1.0 + threshold) : value > best + threshold;
        };
    }

    @Override
    public Scheduler start(OptimizerRun run, int totalEpochs) {
        return new PlateauScheduler(this, run);
    }
}
