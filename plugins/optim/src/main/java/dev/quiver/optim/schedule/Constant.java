package dev.quiver.optim.schedule;

/** No schedule: the optimizer's learning rate throughout. Immutable. */
public record Constant() implements EpochFunction {

    @Override
    public double learningRate(double baseLr, int epoch, long step, int totalEpochs) {
        return baseLr;
    }
}
