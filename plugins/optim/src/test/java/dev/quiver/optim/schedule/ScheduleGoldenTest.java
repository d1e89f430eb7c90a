package dev.quiver.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Schedule;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.optim.Golden;
import dev.quiver.optim.optimizer.Sgd;
import dev.quiver.testing.MapConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every schedule recorded by {@code make_goldens.py} gives PyTorch's learning rate in each of 30 epochs
 * (warm-up compared with {@code SequentialLR} of {@code LinearLR} and {@code LinearLR}/{@code CosineAnnealingLR}).
 */
class ScheduleGoldenTest {

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        return Golden.read("schedules.txt").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Golden.Case c) {
        MapConfig config = c.config();
        Schedule schedule = Schedules.fromConfig(config);
        config.assertNoProblems();
        double[] expected = c.doubles("lr");
        double[] metrics = c.has("metrics") ? c.doubles("metrics") : null;
        OptimizerRun run = new Sgd(Sgd.Settings.defaults().withLr(c.scalar("base"))).start(List.of());
        // a horizon unlike any in the cases, so a schedule falling back to it by mistake would show
        Scheduler scheduler = schedule.start(run, 1000);
        for (int epoch = 0; epoch < expected.length; epoch++) {
            assertEquals(expected[epoch], run.learningRate(), 1e-12 * expected[epoch], c.name() + " epoch " + epoch);
            assertEquals(run.learningRate(), scheduler.learningRate());
            for (int step = 0; step < 3; step++) {
                scheduler.stepEnded();
            }
            scheduler.epochEnded(metrics == null ? Double.NaN : metrics[epoch]);
        }
    }
}
