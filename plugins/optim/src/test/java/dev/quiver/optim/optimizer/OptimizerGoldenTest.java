package dev.quiver.optim.optimizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.Golden;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimizer setting recorded by {@code make_goldens.py} follows PyTorch's float32 trajectory over 20 steps
 * to within float32 rounding (PyTorch's kernels fuse some multiply-adds, Java rounds each operation).
 */
class OptimizerGoldenTest {

    /** Relative tolerance on each parameter after each step: a few float32 ulps (most cases stay under 1e-7). */
    private static final double TOLERANCE = 1e-6;

    @TestFactory
    Stream<DynamicTest> followsPyTorchTrajectory() {
        return Trajectories.CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Golden.Case c) {
        List<Parameter> parameters = Trajectories.parameters(c);
        OptimizerRun run = Trajectories.optimizer(c).start(parameters);
        int steps = c.integer("steps", 0);
        for (int step = 0; step < steps; step++) {
            Trajectories.feedGradients(c, step, parameters);
            run.step();
            for (Parameter p : parameters) {
                float[] expected = c.floats("value." + step + "." + p.name());
                for (int j = 0; j < expected.length; j++) {
                    double error = Math.abs(p.value()[j] - expected[j]);
                    double allowed = TOLERANCE * Math.max(1.0, Math.abs(expected[j]));
                    int s = step;
                    int k = j;
                    assertTrue(
                            error <= allowed,
                            () -> c.name() + " step " + s + " " + p.name() + "[" + k + "]: " + p.value()[k]
                                    + " vs torch " + expected[k]);
                }
            }
        }
    }
}
