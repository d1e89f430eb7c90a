package dev.quiver.engine.lm;

import dev.quiver.api.optim.GradientClipping;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.List;

/**
 * The optimizer run with the pipeline's gradient clipping applied before every step. Confined, like the run it
 * wraps, to the training thread.
 */
record ClippedRun(OptimizerRun run, GradientClipping clip, List<Parameter> parameters) implements OptimizerRun {

    @Override
    public void step() {
        clip.clip(parameters);
        run.step();
    }

    @Override
    public double learningRate() {
        return run.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        run.setLearningRate(learningRate);
    }

    @Override
    public void save(StateWriter state) {
        run.save(state);
    }

    @Override
    public void restore(StateReader state) {
        run.restore(state);
    }
}
