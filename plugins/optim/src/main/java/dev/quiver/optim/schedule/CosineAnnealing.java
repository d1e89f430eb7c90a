package dev.quiver.optim.schedule;

/**
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR}:
 * {@code etaMin + (base - etaMin) (1 + cos(pi epoch / tMax)) / 2}, which like PyTorch's keeps following the
 * cosine (rising again) after {@code tMax} epochs. With {@code warmupSteps = S > 0} that rate is multiplied by
 * {@code min(1, (s + 1) / S)} at optimizer step {@code s} (0-based): the linear warm-up GPT training uses before
 * its cosine decay. Immutable.
 *
 * @param tMax half-period in epochs; 0 means the training's epoch count
 * @param etaMin the lowest learning rate
 * @param warmupSteps optimizer steps of linear warm-up, 0 for none
 */
public record CosineAnnealing(int tMax, double etaMin, int warmupSteps) implements EpochFunction {

    /** Without warm-up: PyTorch's {@code CosineAnnealingLR}. */
    public CosineAnnealing(int tMax, double etaMin) {
        this(tMax, etaMin, 0);
    }

    public CosineAnnealing {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
        if (tMax < 0) {
            throw new IllegalArgumentException("tMax must be >= 1 (or 0 for the training's epochs), got " + tMax);
        }
        if (!(etaMin >= 0.0)) {
            throw new IllegalArgumentException("etaMin must be >= 0, got " + etaMin);
        }
    }

    @Override
    public double learningRate(double baseLr, int epoch, long step, int totalEpochs) {
        int period = tMax > 0 ? tMax : Math.max(1, totalEpochs);
        double rate = etaMin + (baseLr - etaMin) * (1.0 + Math.cos(Math.PI * epoch / period)) / 2.0;
        return warmupSteps > 0 ? rate * Math.min(1.0, (step + 1.0) / warmupSteps) : rate;
    }
}
