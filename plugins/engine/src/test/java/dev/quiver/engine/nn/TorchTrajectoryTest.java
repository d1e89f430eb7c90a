package dev.quiver.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.engine.tensor.Tensor;
import dev.quiver.optim.loss.CrossEntropyLoss;
import dev.quiver.optim.optimizer.Adam;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole chain (forward, cross-entropy, reverse-mode gradients, Adam) against PyTorch on a 3-4-2 ReLU MLP:
 * three full-batch steps from fixed weights (chosen so that no pre-activation sits on ReLU's kink, where float
 * round-off could pick either side). Golden values from {@code src/test/python/goldens.py}.
 */
class TorchTrajectoryTest {

    /** PyTorch's {@code [out][in]} weights, given by the formula of goldens.py, in this engine's [in][out]. */
    private static float[] weights(int out, int in, float scale, float shift) {
        float[] w = new float[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[i * out + o] = scale * ((o * in + i) % 7 - 3) + shift;
            }
        }
        return w;
    }

    private static float[] byOutput(float[] w, int in, int out) {
        float[] t = new float[w.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                t[o * in + i] = w[i * out + o];
            }
        }
        return t;
    }

    @Test
    void threeAdamStepsMatchPyTorch() {
        Dense l1 = new Dense("layer0", 3, 4, weights(4, 3, 0.2f, 0.05f), new float[] {0.11f, -0.09f, 0.037f, 0.013f});
        Dense l2 = new Dense("layer1", 4, 2, weights(2, 4, 0.3f, -0.02f), new float[] {0.02f, -0.03f});
        Network net = new Network(List.of(l1, l2), Activation.RELU, 0f);
        float[] x = {0.5f, -1.0f, 2.0f, 1.5f, 0.3f, -0.7f, -0.2f, 0.8f, 0.1f, 2.0f, -1.5f, 0.4f, -1.0f, -0.5f, -2.0f};
        float[] y = {0, 1, 1, 0, 1};
        CrossEntropyLoss loss = new CrossEntropyLoss();
        OptimizerRun adam = new Adam(Adam.Settings.adam().withLr(0.05)).start(net.parameters());
        double[] expectedLoss = {0.9131004214286804, 0.73399418592453, 0.5958793759346008};
        float[] gradient = new float[10];
        for (int step = 0; step < 3; step++) {
            net.zeroGradients();
            Tensor out = net.forward(Tensor.of(x, 5, 3), true, null);
            assertEquals(expectedLoss[step], loss.evaluate(out.data(), y, 5, 2, gradient), 1e-6, "step " + step);
            out.backward(gradient);
            adam.step();
        }
        assertArrayEquals(
                new float[] {
                    -0.6975986361503601f,
                    -0.4975984990596771f,
                    -0.29759860038757324f,
                    -0.09568658471107483f,
                    0.39698877930641174f,
                    0.30778875946998596f,
                    0.5051010847091675f,
                    -0.4055079221725464f,
                    -0.4841134250164032f,
                    -0.010144427418708801f,
                    -0.09713967144489288f,
                    0.3978571593761444f
                },
                byOutput(l1.weight().value(), 3, 4),
                2e-6f);
        assertArrayEquals(
                new float[] {0.25759854912757874f, -0.12195203453302383f, -0.09779168665409088f, 0.09281213581562042f},
                l1.bias().value(),
                2e-6f);
        assertArrayEquals(
                new float[] {
                    -1.0687925815582275f,
                    -0.5012736916542053f,
                    -0.1743251085281372f,
                    0.129338800907135f,
                    0.42879247665405273f,
                    0.4612736403942108f,
                    0.734325110912323f,
                    -1.0693387985229492f
                },
                byOutput(l2.weight().value(), 4, 2),
                2e-6f);
        assertArrayEquals(
                new float[] {0.1567501425743103f, -0.16675014793872833f},
                l2.bias().value(),
                2e-6f);
    }
}
