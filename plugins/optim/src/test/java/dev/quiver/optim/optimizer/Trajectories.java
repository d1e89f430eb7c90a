package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.Golden;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.List;

/** Builds the golden optimizer cases: the optimizer from its pipeline options, the parameters at their start. */
final class Trajectories {

    static final List<Golden.Case> CASES = Golden.read("optimizers.txt");

    private Trajectories() {}

    static Optimizer optimizer(Golden.Case c) {
        OptimizerFactory factory = Optimizers.factories().stream()
                .filter(f -> f.name().equals(c.type()))
                .findFirst()
                .orElseThrow();
        MapConfig config = c.factoryConfig();
        Optimizer optimizer = factory.create(config, new TestContext());
        config.assertNoProblems();
        return optimizer;
    }

    /** Fresh copies of the case's initial parameters: {@code weight}, and {@code bias} flagged as a bias. */
    static List<Parameter> parameters(Golden.Case c) {
        float[] weight = c.floats("init.weight");
        float[] bias = c.floats("init.bias");
        return List.of(
                new Parameter("weight", weight, new float[weight.length], false),
                new Parameter("bias", bias, new float[bias.length], true));
    }

    /** Copies the gradients PyTorch computed before step {@code step} into the parameters. */
    static void feedGradients(Golden.Case c, int step, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            float[] g = c.floats("grad." + step + "." + p.name());
            System.arraycopy(g, 0, p.gradient(), 0, g.length);
        }
    }
}
