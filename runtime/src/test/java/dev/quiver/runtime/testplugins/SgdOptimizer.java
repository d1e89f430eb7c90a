package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.List;

/** Test optimizer {@code sgd}: plain gradient descent, {@code value -= lr * gradient}. */
public final class SgdOptimizer implements OptimizerFactory {

    static final Option<Double> LR = Option.real("lr", 0.01).above(0).describe("The learning rate.");

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(LR);
    }

    @Override
    public Optimizer create(Config config, PluginContext context) {
        double lr = config.get(LR);
        return new Optimizer() {
            @Override
            public double learningRate() {
                return lr;
            }

            @Override
            public OptimizerRun start(List<Parameter> parameters) {
                return new Run(parameters, lr);
            }
        };
    }

    private static final class Run implements OptimizerRun {

        private final List<Parameter> parameters;
        private double lr;

        Run(List<Parameter> parameters, double lr) {
            this.parameters = List.copyOf(parameters);
            this.lr = lr;
        }

        @Override
        public void step() {
            for (Parameter p : parameters) {
                for (int i = 0; i < p.value().length; i++) {
                    p.value()[i] -= (float) (lr * p.gradient()[i]);
                }
            }
        }

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public void setLearningRate(double learningRate) {
            lr = learningRate;
        }

        @Override
        public void save(StateWriter state) {
            state.putDouble("lr", lr);
        }

        @Override
        public void restore(StateReader state) {
            lr = state.getDouble("lr");
        }
    }
}
