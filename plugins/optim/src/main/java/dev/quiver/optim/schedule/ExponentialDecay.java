package dev.quiver.optim.schedule;

/** {@code torch.optim.lr_scheduler.ExponentialLR}: {@code base * gamma^epoch}. Immutable. */
public record ExponentialDecay(double gamma) implements EpochFunction {

    public ExponentialDecay {
        Schedules.checkFactor("gamma", gamma);
    }

    @Override
    public double learningRate(double baseLr, int epoch, long step, int totalEpochs) {
        return baseLr * Math.pow(gamma, epoch);
    }
}
