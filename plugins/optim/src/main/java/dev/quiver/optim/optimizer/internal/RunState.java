package dev.quiver.optim.optimizer.internal;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What every optimizer run shares: the parameters, the learning rate, the step count and named per-parameter
 * buffers (moments), saved and restored bit for bit. Subclasses allocate their buffers once, in their
 * constructor, so that {@link #step()} never allocates. Confined to the training thread.
 */
public abstract class RunState implements OptimizerRun {

    /** The parameters in the order given to {@code start}; checkpoints name them, so the order may change. */
    protected final List<Parameter> parameters;
    /** Buffer name to one array per parameter, in parameter order. */
    private final List<Buffer> buffers = new ArrayList<>();

    private double learningRate;
    /** Completed steps; PyTorch's {@code state['step']}. */
    protected long steps;

    private record Buffer(String name, float[][] perParameter) {}

    protected RunState(List<Parameter> parameters, double learningRate) {
        this.parameters = List.copyOf(parameters);
        Set<String> names = new HashSet<>();
        for (Parameter p : this.parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(
                        "two parameters are named '" + p.name() + "'; checkpoints need unique names");
            }
        }
        this.learningRate = learningRate;
    }

    /** Allocates one zero-filled (or {@code initial}-filled) array per parameter, saved under {@code name}. */
    protected final float[][] buffer(String name, float initial) {
        float[][] arrays = new float[parameters.size()][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = new float[parameters.get(i).value().length];
            if (initial != 0f) {
                Arrays.fill(arrays[i], initial);
            }
        }
        buffers.add(new Buffer(name, arrays));
        return arrays;
    }

    /** The weight decay for {@code p}: none on biases when {@code decayBias} is false. */
    protected static double decayFor(Parameter p, double weightDecay, boolean decayBias) {
        return p.bias() && !decayBias ? 0.0 : weightDecay;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        if (!(learningRate >= 0.0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Completed steps. */
    public final long steps() {
        return steps;
    }

    @Override
    public void save(StateWriter state) {
        state.putLong("step", steps);
        state.putDouble("lr", learningRate);
        for (Buffer buffer : buffers) {
            StateWriter child = state.child(buffer.name());
            for (int i = 0; i < parameters.size(); i++) {
                child.putFloats(parameters.get(i).name(), buffer.perParameter()[i]);
            }
        }
    }

    /**
     * Restores what {@link #save} wrote. Everything is read and checked before anything is changed, so a
     * checkpoint of other shapes leaves this run as it was.
     */
    @Override
    public void restore(StateReader state) {
        long restoredSteps = state.getLong("step");
        double restoredLr = state.getDouble("lr");
        float[][][] saved = new float[buffers.size()][parameters.size()][];
        for (int b = 0; b < buffers.size(); b++) {
            Buffer buffer = buffers.get(b);
            StateReader child = state.child(buffer.name());
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                saved[b][i] = child.getFloats(p.name());
                int expected = buffer.perParameter()[i].length;
                if (saved[b][i].length != expected) {
                    throw new IllegalStateException("optimizer state '" + buffer.name() + "' of parameter '" + p.name()
                            + "' has " + saved[b][i].length + " values, but the parameter has " + expected);
                }
            }
        }
        for (int b = 0; b < buffers.size(); b++) {
            float[][] targets = buffers.get(b).perParameter();
            for (int i = 0; i < targets.length; i++) {
                System.arraycopy(saved[b][i], 0, targets[i], 0, targets[i].length);
            }
        }
        steps = restoredSteps;
        learningRate = restoredLr;
    }
}
