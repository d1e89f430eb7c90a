package dev.quiver.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * Compares every op's analytic gradient with central finite differences of a random projection
 * {@code L = sum(w * f(x))}, the way tinygrad's {@code helper_test_op} checks against PyTorch: the loss is
 * summed in double, the step is large enough for float32 round-off to stay well below the tolerance.
 */
final class GradCheck {

    private static final double EPS = 1e-2;
    private static final double ATOL = 2e-3;
    private static final double RTOL = 1e-2;

    private GradCheck() {}

    /** A trainable tensor of the given shape with values in [-2, 2] kept at least 0.1 away from zero. */
    static Tensor random(long seed, int... shape) {
        Random r = new Random(seed);
        float[] data = new float[Tensor.sizeOf(shape)];
        for (int i = 0; i < data.length; i++) {
            float v = 0.1f + 1.9f * r.nextFloat();
            data[i] = r.nextBoolean() ? v : -v;
        }
        return Tensor.variable(data, shape);
    }

    static Tensor positive(long seed, int... shape) {
        Tensor t = random(seed, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(d[i]) + 0.5f;
        }
        return t;
    }

    static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor out = f.apply(inputs);
        float[] w = new float[out.size()];
        Random r = new Random(99);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        out.backward(w);
        for (int k = 0; k < inputs.length; k++) {
            Tensor in = inputs[k];
            if (!in.requiresGrad()) {
                continue;
            }
            assertNotNull(in.grad(), "no gradient reached input " + k);
            float[] x = in.data();
            for (int i = 0; i < in.size(); i++) {
                float saved = x[i];
                x[i] = (float) (saved + EPS);
                double plus = project(f.apply(inputs), w);
                x[i] = (float) (saved - EPS);
                double minus = project(f.apply(inputs), w);
                x[i] = saved;
                double numeric = (plus - minus) / (2 * EPS);
                double analytic = in.grad()[i];
                if (Math.abs(analytic - numeric) > ATOL + RTOL * Math.abs(numeric)) {
                    fail("input " + k + " " + Arrays.toString(in.shape()) + " element " + i + ": analytic " + analytic
                            + " vs numeric " + numeric);
                }
            }
        }
    }

    private static double project(Tensor out, float[] w) {
        double s = 0;
        for (int i = 0; i < out.size(); i++) {
            s += (double) out.data()[i] * w[i];
        }
        return s;
    }
}
