package dev.quiver.engine.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.model.Model;
import dev.quiver.engine.testdata.MemoryData;
import dev.quiver.optim.optimizer.Sgd;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TestFitContext;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The training loop's order of operations against PyTorch's canonical one: gradients clipped before the optimizer
 * step, the schedule advanced after it. Clipping is active on every step and momentum carries each step's clipped
 * gradient into the next, so clipping after the step, or scheduling before it, changes every value checked here.
 * Golden values from {@code src/test/python/loop_goldens.py}.
 */
@ExtendWith(LeakCheckExtension.class)
class TorchLoopOrderTest {

    @Test
    void clipThenStepThenScheduleMatchesPyTorch(BufferAllocator allocator) {
        MemoryData data = MemoryData.regression(
                List.of("a", "b"),
                new double[][] {{1, 2}, {-1, 0.5}, {3, -1}, {0, 1.5}, {2, 2}, {-2, -1}},
                new double[] {3, -1, 4, 1, 5, -3});
        TestFitContext fit = new TestFitContext(allocator, 1);
        Model model = Fits.trainer(
                        new LinearRegressionFactory(),
                        Map.of("solver", "gd"),
                        Map.of(
                                "epochs",
                                4,
                                "batchSize",
                                "full",
                                "shuffle",
                                false,
                                "clip",
                                Map.of("maxNorm", 0.5),
                                "schedule",
                                Map.of("type", "step", "stepSize", 1, "gamma", 0.5)),
                        null,
                        new Sgd(Sgd.Settings.defaults().withLr(0.1).withMomentum(0.9)))
                .fit(data, fit);

        double[] losses = {10.166666984558105, 9.561182022094727, 9.003340721130371, 8.615853309631348};
        double[] learningRates = {0.05, 0.025, 0.0125, 0.00625};
        assertEquals(4, fit.epochs().size());
        for (int e = 0; e < 4; e++) {
            assertEquals(losses[e], fit.epochs().get(e).trainLoss(), 1e-5, "loss of epoch " + (e + 1));
            assertEquals(learningRates[e], fit.epochs().get(e).learningRate(), 1e-12, "lr after epoch " + (e + 1));
        }
        assertArrayEquals(
                new double[] {0.13264606893062592, 0.06622785329818726},
                ((double[][]) model.describe().get("weight"))[0],
                1e-6);
        assertArrayEquals(
                new double[] {0.03725224733352661}, (double[]) model.describe().get("bias"), 1e-6);
    }
}
