package dev.quiver.optim.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.optim.Loss;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each loss's gradient against central finite differences of its own value. Outputs lie on a grid of 2^-8 and
 * targets half-way between grid points, so that the step {@code h = 2^-12} is exact in float32 and never
 * crosses the kinks of mae and huber.
 */
class LossGradientCheckTest {

    private static final int ROWS = 6;
    private static final int WIDTH = 3;
    private static final float H = 1f / 4096f;

    private record Named(String name, Loss loss) {}

    @TestFactory
    Stream<DynamicTest> gradientsMatchFiniteDifferences() {
        double[] weights = {0.5, 2.0, 1.25};
        List<Named> losses = List.of(
                new Named("mse mean", new MseLoss(Reduction.MEAN)),
                new Named("mse sum", new MseLoss(Reduction.SUM)),
                new Named("mae mean", new MaeLoss(Reduction.MEAN)),
                new Named("mae sum", new MaeLoss(Reduction.SUM)),
                new Named("huber", new HuberLoss(Reduction.MEAN, 1.0)),
                new Named("huber small delta sum", new HuberLoss(Reduction.SUM, 0.3)),
                new Named("bce", new BceWithLogitsLoss(Reduction.MEAN, new double[0])),
                new Named("bce pos weight", new BceWithLogitsLoss(Reduction.SUM, new double[] {2.0, 0.5, 1.0})),
                new Named("cross-entropy", new CrossEntropyLoss(Reduction.MEAN, new double[0], 0.0)),
                new Named("cross-entropy weighted smoothed", new CrossEntropyLoss(Reduction.MEAN, weights, 0.2)),
                new Named("cross-entropy weighted smoothed sum", new CrossEntropyLoss(Reduction.SUM, weights, 0.1)));
        return losses.stream().map(n -> DynamicTest.dynamicTest(n.name(), () -> check(n.loss())));
    }

    private static void check(Loss loss) {
        Random random = new Random(17);
        float[] output = new float[ROWS * WIDTH];
        for (int i = 0; i < output.length; i++) {
            output[i] = (random.nextInt(1024) - 512) / 256f;
        }
        float[] target;
        if (loss.classIndexTargets()) {
            target = new float[ROWS];
            for (int i = 0; i < ROWS; i++) {
                target[i] = i % WIDTH;
            }
        } else if (loss instanceof BceWithLogitsLoss) {
            target = new float[output.length];
            for (int i = 0; i < target.length; i++) {
                target[i] = random.nextInt(5) / 4f;
            }
        } else {
            target = new float[output.length];
            for (int i = 0; i < target.length; i++) {
                target[i] = (random.nextInt(1024) - 512) / 256f + 1f / 512f;
            }
        }
        float[] gradient = new float[output.length];
        loss.evaluate(output, target, ROWS, WIDTH, gradient);
        float[] scratch = new float[output.length];
        for (int i = 0; i < output.length; i++) {
            float original = output[i];
            output[i] = original + H;
            double up = loss.evaluate(output, target, ROWS, WIDTH, scratch);
            output[i] = original - H;
            double down = loss.evaluate(output, target, ROWS, WIDTH, scratch);
            output[i] = original;
            double numeric = (up - down) / (2.0 * H);
            assertEquals(numeric, gradient[i], 1e-5 * Math.max(1.0, Math.abs(numeric)), "d/d output[" + i + "]");
        }
    }
}
