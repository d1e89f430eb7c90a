package dev.quiver.api.optim;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;

/** {@link Schedule#constant()}: leaves the run's learning rate alone, so there is no position to save. */
final class ConstantSchedule implements Schedule {

    static final ConstantSchedule INSTANCE = new ConstantSchedule();

    private ConstantSchedule() {}

    @Override
    public Scheduler start(OptimizerRun run, int totalEpochs) {
        return new Scheduler() {
            @Override
            public double learningRate() {
                return run.learningRate();
            }

            @Override
            public void stepEnded() {}

            @Override
            public void epochEnded(double monitored) {}

            @Override
            public void save(StateWriter state) {}

            @Override
            public void restore(StateReader state) {}
        };
    }

    @Override
    public String toString() {
        return "constant";
    }
}
