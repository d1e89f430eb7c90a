package dev.quiver.optim.schedule.internal;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.optim.schedule.ReduceOnPlateau;

/**
 * Steps a {@link ReduceOnPlateau}, following {@code ReduceLROnPlateau.step} line by line (a NaN figure counts
 * as no improvement, as there). Confined to the training thread.
 */
public final class PlateauScheduler implements Scheduler {

    private final ReduceOnPlateau settings;
    private final OptimizerRun run;
    private double best;
    private int badEpochs;
    private int cooldownLeft;

    public PlateauScheduler(ReduceOnPlateau settings, OptimizerRun run) {
        this.settings = settings;
        this.run = run;
        this.best = settings.mode() == ReduceOnPlateau.Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double learningRate() {
        return run.learningRate();
    }

    @Override
    public void stepEnded() {
        // the plateau is judged per epoch only
    }

    @Override
    public void epochEnded(double monitored) {
        if (settings.isBetter(monitored, best)) {
            best = monitored;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > settings.patience()) {
            double old = run.learningRate();
            double reduced = Math.max(old * settings.factor(), settings.minLr());
            if (old - reduced > settings.eps()) {
                run.setLearningRate(reduced);
            }
            cooldownLeft = settings.cooldown();
            badEpochs = 0;
        }
    }

    @Override
    public void save(StateWriter state) {
        state.putDouble("best", best);
        state.putLong("badEpochs", badEpochs);
        state.putLong("cooldownLeft", cooldownLeft);
        state.putDouble("lr", run.learningRate());
    }

    @Override
    public void restore(StateReader state) {
        best = state.getDouble("best");
        badEpochs = Math.toIntExact(state.getLong("badEpochs"));
        cooldownLeft = Math.toIntExact(state.getLong("cooldownLeft"));
        run.setLearningRate(state.getDouble("lr"));
    }
}
