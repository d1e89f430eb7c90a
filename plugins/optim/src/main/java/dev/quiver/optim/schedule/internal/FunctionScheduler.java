package dev.quiver.optim.schedule.internal;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.optim.schedule.EpochFunction;

/**
 * Steps an {@link EpochFunction}: the learning rate is recomputed from the base rate and the position, never
 * accumulated, so it cannot drift and a restored run continues exactly. Confined to the training thread.
 */
public final class FunctionScheduler implements Scheduler {

    private final EpochFunction function;
    private final OptimizerRun run;
    private final int totalEpochs;
    private final double baseLr;
    private int epoch;
    private long step;

    public FunctionScheduler(EpochFunction function, OptimizerRun run, int totalEpochs) {
        this.function = function;
        this.run = run;
        this.totalEpochs = totalEpochs;
        this.baseLr = run.learningRate();
        apply();
    }

    private void apply() {
        run.setLearningRate(function.learningRate(baseLr, epoch, step, totalEpochs));
    }

    @Override
    public double learningRate() {
        return run.learningRate();
    }

    @Override
    public void stepEnded() {
        step++;
        apply();
    }

    @Override
    public void epochEnded(double monitored) {
        epoch++;
        apply();
    }

    @Override
    public void save(StateWriter state) {
        state.putLong("epoch", epoch);
        state.putLong("step", step);
    }

    @Override
    public void restore(StateReader state) {
        epoch = Math.toIntExact(state.getLong("epoch"));
        step = state.getLong("step");
        apply();
    }
}
