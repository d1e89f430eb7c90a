package dev.quiver.optim.schedule;

import java.util.List;

/**
 * {@code torch.optim.lr_scheduler.MultiStepLR}: the rate is multiplied by {@code gamma} at each milestone epoch
 * (a milestone listed twice counts twice, as in PyTorch). Immutable.
 */
public record MultiStepDecay(List<Integer> milestones, double gamma) implements EpochFunction {

    public MultiStepDecay {
        milestones = milestones.stream().sorted().toList();
        for (int m : milestones) {
            if (m < 0) {
                throw new IllegalArgumentException("milestones must be >= 0, got " + m);
            }
        }
        Schedules.checkFactor("gamma", gamma);
    }

    @Override
    public double learningRate(double baseLr, int epoch, long step, int totalEpochs) {
        int passed = 0;
        for (int m : milestones) {
            if (m <= epoch) {
                passed++;
            }
        }
        return baseLr * Math.pow(gamma, passed);
    }
}
