package dev.quiver.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.engine.nn.Activation;
import dev.quiver.engine.nn.Init;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.tensor.Workspace;
import dev.quiver.optim.loss.BceWithLogitsLoss;
import dev.quiver.optim.loss.CrossEntropyLoss;
import dev.quiver.optim.loss.MseLoss;
import dev.quiver.optim.loss.Reduction;
import dev.quiver.optim.optimizer.Adam;
import dev.quiver.optim.optimizer.Sgd;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused linear step against the autograd graph it replaces, step by step: same loss, same gradients, same
 * parameters after the optimizer's update, for the three linear models, with and without weight decay, over
 * batch sizes that leave a short last batch. Both passes run the same {@code Affine} kernels in the same
 * summation order, so the comparison is exact (a tolerance of zero); the gradients are also checked against
 * float64 sums, so that both passes being wrong in the same way would fail too.
 */
class LinearPassTest {

    private static final int ROWS = 203;
    private static final int FEATURES = 37;

    /** A linear model's shape and loss: outputs per row, and whether targets are class indices. */
    private record Model(String name, int outputs, Loss loss) {
        boolean classIndices() {
            return loss.classIndexTargets();
        }
    }

    private static final List<Model> MODELS = List.of(
            new Model("linear regression, mse", 1, new MseLoss()),
            new Model("logistic regression, bce", 1, new BceWithLogitsLoss(Reduction.MEAN, new double[] {2.0})),
            new Model("logistic regression one-vs-rest, bce on one-hot", 4, new BceWithLogitsLoss()),
            new Model(
                    "softmax regression, weighted cross-entropy",
                    5,
                    new CrossEntropyLoss(Reduction.MEAN, new double[] {1, 2, 0.5, 1, 3}, 0.1)));

    @Test
    void fusedStepsGiveTheGraphsLossesGradientsAndUpdatesExactly() {
        for (Model model : MODELS) {
            for (double decay : new double[] {0.0, 0.05}) {
                // 16 and 64 leave a last batch of 11 rows; ROWS is one full batch.
                for (int batch : new int[] {1, 16, 64, ROWS}) {
                    for (boolean adam : new boolean[] {true, false}) {
                        compareSteps(model, decay, batch, adam);
                    }
                }
            }
        }
    }

    private static void compareSteps(Model model, double decay, int batch, boolean adam) {
        String what = model.name() + ", weight decay " + decay + ", batch " + batch + (adam ? ", adam" : ", sgd");
        Random random = new Random(batch * 31L + model.outputs());
        float[] x = new float[ROWS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int width = model.classIndices() ? 1 : model.outputs();
        float[] y = new float[ROWS * width];
        for (int r = 0; r < ROWS; r++) {
            if (model.classIndices()) {
                y[r] = random.nextInt(model.outputs());
            } else if (model.outputs() == 1 && model.loss() instanceof MseLoss) {
                y[r] = (float) (3 * random.nextGaussian());
            } else {
                for (int c = 0; c < model.outputs(); c++) {
                    y[r * width + c] = random.nextBoolean() ? 1f : 0f;
                }
            }
        }
        Optimizer optimizer = adam
                ? new Adam(Adam.Settings.adam().withLr(0.05).withWeightDecay(decay))
                : new Sgd(Sgd.Settings.defaults().withLr(0.01).withMomentum(0.9).withWeightDecay(decay));
        Side fused = new Side(model, optimizer, true);
        Side graph = new Side(model, optimizer, false);
        assertInstanceOf(LinearPass.class, fused.pass);
        assertInstanceOf(GraphPass.class, graph.pass);

        float[] bx = new float[batch * FEATURES];
        float[] by = new float[batch * width];
        int steps = 0;
        // Two epochs, so that steps start from parameters the updates have moved.
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int start = 0; start < ROWS; start += batch) {
                int n = Math.min(batch, ROWS - start);
                System.arraycopy(x, start * FEATURES, bx, 0, n * FEATURES);
                System.arraycopy(y, start * width, by, 0, n * width);
                String step = what + ", step " + ++steps + " of " + n + " rows";
                double lossFused = fused.step(bx, by, n);
                double lossGraph = graph.step(bx, by, n);
                assertTrue(Double.isFinite(lossFused), step + ": the loss is " + lossFused);
                assertEquals(lossGraph, lossFused, 0.0, step);
                for (int p = 0; p < 2; p++) {
                    assertArrayEquals(
                            graph.parameter(p).gradient(), fused.parameter(p).gradient(), 0f, step);
                }
                assertGradientsMatchDoubleSums(fused, bx, n, step);
                fused.update();
                graph.update();
                for (int p = 0; p < 2; p++) {
                    assertArrayEquals(
                            graph.parameter(p).value(), fused.parameter(p).value(), 0f, step);
                }
            }
        }
        assertTrue(steps >= 2, what);
    }

    /**
     * {@code dW = x^T g} and {@code db = sum g} recomputed in float64 from the same output gradient. A float32 sum
     * of {@code n} terms is within {@code n u sum|terms|} of the exact one (u = 2^-24, the unit roundoff; FMA
     * only tightens it), so twice that, plus the float32 rounding of the result, bounds a correct kernel.
     */
    private static void assertGradientsMatchDoubleSums(Side side, float[] x, int n, String step) {
        int m = side.model.outputs();
        float[] g = side.outputGradient;
        float[] gw = side.parameter(0).gradient();
        float[] gb = side.parameter(1).gradient();
        double u = Math.ulp(1.0f) / 2;
        for (int o = 0; o < m; o++) {
            double exact = 0, magnitude = 0;
            for (int i = 0; i < n; i++) {
                exact += g[i * m + o];
                magnitude += Math.abs(g[i * m + o]);
            }
            assertEquals(exact, gb[o], 2 * n * u * magnitude + u * Math.abs(exact), step + ", bias " + o);
            for (int f = 0; f < FEATURES; f++) {
                exact = 0;
                magnitude = 0;
                for (int i = 0; i < n; i++) {
                    double term = (double) x[i * FEATURES + f] * g[i * m + o];
                    exact += term;
                    magnitude += Math.abs(term);
                }
                assertEquals(
                        exact,
                        gw[f * m + o],
                        2 * n * u * magnitude + u * Math.abs(exact),
                        step + ", weight " + f + "," + o);
            }
        }
    }

    /** One network, its pass and its optimizer; both sides start from the same Xavier weights. */
    private static final class Side {
        final Model model;
        final Network network;
        final Pass pass;
        final OptimizerRun run;
        final Workspace workspace = new Workspace();
        float[] outputGradient = new float[0];

        Side(Model model, Optimizer optimizer, boolean fused) {
            this.model = model;
            this.network = Network.create(
                    new int[] {FEATURES, model.outputs()},
                    Activation.RELU,
                    0f,
                    Init.of("xavier"),
                    Init.of("xavier"),
                    Rng.derive(5, "init"));
            java.util.Arrays.fill(network.layers().get(0).bias().value(), 0.25f);
            this.pass = Pass.of(network, fused);
            this.run = optimizer.start(network.parameters());
        }

        Parameter parameter(int i) {
            return network.parameters().get(i);
        }

        /** Forward, loss, backward, as {@link TrainingLoop} runs them; returns the loss. */
        double step(float[] x, float[] y, int n) {
            workspace.activate();
            try {
                float[] out = pass.forward(x, n, Rng.derive(1, "dropout"));
                int m = model.outputs();
                outputGradient = new float[n * m];
                double value = model.loss().evaluate(out, y, n, m, outputGradient);
                pass.backward(x, n, outputGradient);
                return value;
            } finally {
                workspace.close();
            }
        }

        void update() {
            run.step();
        }
    }

    @Test
    void networksWithHiddenLayersAndTheSwitchedOffCaseUseTheGraph() {
        Network mlp = Network.create(
                new int[] {3, 4, 2}, Activation.RELU, 0.2f, Init.of("he"), Init.of("xavier"), Rng.derive(1, "init"));
        Network linear = Network.create(
                new int[] {3, 2}, Activation.RELU, 0f, Init.of("xavier"), Init.of("xavier"), Rng.derive(1, "init"));
        assertInstanceOf(GraphPass.class, Pass.of(mlp, true));
        assertInstanceOf(GraphPass.class, Pass.of(linear, false));
        assertInstanceOf(LinearPass.class, Pass.of(linear, true));
    }
}
