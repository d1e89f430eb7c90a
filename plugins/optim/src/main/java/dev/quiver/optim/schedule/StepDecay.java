package dev.quiver.optim.schedule;

/**
 * {@code torch.optim.lr_scheduler.StepLR}: the rate is multiplied by {@code gamma} every {@code stepSize}
 * epochs, {@code base * gamma^(epoch / stepSize)}. Immutable.
 */
public record StepDecay(int stepSize, double gamma) implements EpochFunction {

    public StepDecay {
        if (stepSize < 1) {
            throw new IllegalArgumentException("stepSize must be >= 1, got " + stepSize);
        }
        Schedules.checkFactor("gamma", gamma);
    }

    @Override
    public double learningRate(double baseLr, int epoch, long step, int totalEpochs) {
        return baseLr * Math.pow(gamma, Math.floorDiv(epoch, stepSize));
    }
}
