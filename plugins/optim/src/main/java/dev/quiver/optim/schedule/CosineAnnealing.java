package dev.quiver.optim.schedule;

/**
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR}:
 * {@code etaMin + (base - etaMin) (1 + cos(pi epoch / tMax)) / 2}, which like PyTorch's keeps following the
 * cosine (rising again) after {@code tMax} epochs. Immutable.
 *
 * @param tMax half-period in epochs; 0 means the training's epoch count
 * @param etaMin the lowest learning rate
 */
public record CosineAnnealing(int tMax, double etaMin) implements EpochFunction {

    public CosineAnnealing {
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
        return etaMin + (baseLr - etaMin) * (1.0 + Math.cos(Math.PI * epoch / period)) / 2.0;
    }
}
