package dev.quiver.optim.schedule;

import java.util.Locale;

/**
 * Linear warm-up, then decay: the schedule of {@code type: warmup-linear}. Immutable.
 *
 * <p>The learning rate is {@code base * factor}. With {@code warmupEpochs = W} the factor rises linearly from
 * {@code startFactor} at epoch 0 to 1 at epoch W, then decays over the remaining {@code E - W} epochs of the
 * horizon {@code E} to {@code finalFactor} and stays there:
 * <ul>
 *   <li>{@code LINEAR}: {@code 1 + (finalFactor - 1) k / (E - W)} at epoch {@code W + k};</li>
 *   <li>{@code COSINE}: {@code finalFactor + (1 - finalFactor) (1 + cos(pi k / (E - W))) / 2};</li>
 *   <li>{@code NONE}: 1.</li>
 * </ul>
 * This equals PyTorch's {@code SequentialLR([LinearLR(startFactor, 1, W), LinearLR(1, finalFactor, E - W)],
 * milestones=[W])} (or {@code CosineAnnealingLR(E - W, eta_min=base * finalFactor)} as second part) for epochs
 * below {@code E}. With {@code warmupSteps = S} instead, warm-up counts optimizer steps: the factor is
 * {@code (startFactor + (1 - startFactor) min(s, S) / S) * decay(epoch)}, where the decay runs over all E epochs
 * from epoch 0 (step-wise warm-up usually ends within the first epoch or two).
 *
 * @param warmupEpochs warm-up length in epochs (0 when warming up by steps or not at all)
 * @param warmupSteps warm-up length in optimizer steps (0 when warming up by epochs or not at all)
 * @param startFactor the factor at the start of warm-up, in (0, 1]
 * @param decay the shape of the decay after warm-up
 * @param epochs the horizon E; 0 means the training's epoch count
 * @param finalFactor the factor at the end of the decay, in [0, 1]
 */
public record WarmupDecay(
        int warmupEpochs, int warmupSteps, double startFactor, Decay decay, int epochs, double finalFactor)
        implements EpochFunction {

    /** The decay after warm-up. */
    public enum Decay {
        LINEAR,
        COSINE,
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WarmupDecay {
        if (warmupEpochs < 0 || warmupSteps < 0 || (warmupEpochs > 0 && warmupSteps > 0)) {
            throw new IllegalArgumentException(
                    "give warmupEpochs or warmupSteps (>= 0), not both; got " + warmupEpochs + " and " + warmupSteps);
        }
        if (!(startFactor > 0.0 && startFactor <= 1.0)) {
            throw new IllegalArgumentException("startFactor must be in (0, 1], got " + startFactor);
        }
        if (!(finalFactor >= 0.0 && finalFactor <= 1.0)) {
            throw new IllegalArgumentException("finalFactor must be in [0, 1], got " + finalFactor);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
    }

    @Override
    public double learningRate(double baseLr, int epoch, long step, int totalEpochs) {
        int horizon = epochs > 0 ? epochs : totalEpochs;
        double factor;
        if (warmupSteps > 0) {
            double warm = startFactor + (1.0 - startFactor) * Math.min(step, warmupSteps) / warmupSteps;
            factor = warm * decayFactor(epoch, horizon);
        } else if (epoch < warmupEpochs) {
            factor = startFactor + (1.0 - startFactor) * epoch / warmupEpochs;
        } else {
            factor = decayFactor(epoch - warmupEpochs, horizon - warmupEpochs);
        }
        return baseLr * factor;
    }

    private double decayFactor(int k, int length) {
        if (length <= 0 || decay == Decay.NONE) {
            return 1.0;
        }
        double progress = Math.min(k, length) / (double) length;
        return switch (decay) {
            case LINEAR -> 1.0 + (finalFactor - 1.0) * progress;
            case COSINE -> finalFactor + (1.0 - finalFactor) * (1.0 + Math.cos(Math.PI * progress)) / 2.0;
            case NONE -> 1.0;
        };
    }
}
