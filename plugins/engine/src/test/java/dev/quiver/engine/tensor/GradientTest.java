package dev.quiver.engine.tensor;

import static dev.quiver.engine.tensor.GradCheck.check;
import static dev.quiver.engine.tensor.GradCheck.positive;
import static dev.quiver.engine.tensor.GradCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Every op's derivative against central finite differences. */
class GradientTest {

    @Test
    void matmul() {
        check(t -> t[0].matmul(t[1]), random(1, 6, 5), random(2, 5, 3));
        check(t -> t[0].matmul(t[1]), random(3, 1, 7), random(4, 7, 9));
    }

    @Test
    void linearLayer() {
        check(t -> t[0].linear(t[1], t[2]), random(1, 9, 4), random(2, 4, 3), random(3, 3));
    }

    @Test
    void broadcastingArithmetic() {
        check(t -> t[0].add(t[1]), random(1, 3, 4), random(2, 4));
        check(t -> t[0].sub(t[1]), random(1, 3, 1), random(2, 1, 4));
        check(t -> t[0].mul(t[1]), random(1, 2, 3, 4), random(2, 3, 1));
        check(t -> t[0].div(t[1]), random(1, 3, 4), positive(2, 3, 4));
        check(t -> t[0].div(t[1]), random(1, 4), positive(2, 3, 1));
    }

    @Test
    void reductions() {
        check(t -> t[0].sum(), random(1, 3, 4));
        check(t -> t[0].mean(), random(1, 3, 4));
        check(t -> t[0].sum(0, false), random(1, 3, 4));
        check(t -> t[0].sum(1, true), random(1, 3, 4));
        check(t -> t[0].mean(-1, false), random(1, 2, 3, 4));
        check(t -> t[0].mean(1, true), random(1, 2, 3, 4));
    }

    @Test
    void elementwiseFunctions() {
        check(t -> t[0].exp(), random(1, 3, 4));
        check(t -> t[0].log(), positive(1, 3, 4));
        check(t -> t[0].relu(), random(1, 3, 4));
        check(t -> t[0].leakyRelu(0.01f), random(1, 3, 4));
        check(t -> t[0].sigmoid(), random(1, 3, 4));
        check(t -> t[0].tanh(), random(1, 3, 4));
        check(t -> t[0].gelu(), random(1, 3, 4));
    }

    @Test
    void softmaxes() {
        check(t -> t[0].softmax(), random(1, 3, 5));
        check(t -> t[0].logSoftmax(), random(1, 3, 5));
    }

    @Test
    void shapeOps() {
        check(t -> t[0].reshape(4, 3), random(1, 3, 4));
        check(t -> t[0].transpose(), random(1, 3, 4));
        check(t -> Tensor.concat(0, t[0], t[1]), random(1, 2, 3), random(2, 4, 3));
        check(t -> Tensor.concat(1, t[0], t[1]), random(1, 2, 3), random(2, 2, 5));
        check(t -> t[0].embedding(new int[] {2, 0, 2, 3}), random(1, 4, 3));
    }

    @Test
    void dropoutWithAFixedMask() {
        check(t -> t[0].dropout(0.3f, new Rng(5), true), random(1, 4, 6));
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        // y = relu(x W + b) W2 + x W3: x reaches the output along two paths.
        check(
                t -> t[0].linear(t[1], t[2]).relu().matmul(t[3]).add(t[0].matmul(t[4])),
                random(1, 5, 3),
                random(2, 3, 4),
                random(3, 4),
                random(4, 4, 2),
                random(5, 3, 2));
        check(t -> t[0].mul(t[0]).sum(), random(1, 3, 3));
    }

    @Test
    void aSecondBackwardThroughTheSameGraphAddsOnlyItsOwnGradient() {
        // As PyTorch with retain_graph=True: each pass adds d(loss)/dx once to the leaf, however many
        // intermediates the graph has; an intermediate's gradient from the first pass is not propagated again.
        Tensor x = Tensor.variable(new float[] {1f, -2f, 3f}, 3);
        Tensor w = Tensor.of(new float[] {0.5f, 4f, -1f}, 3);
        Tensor h = x.mul(w);
        Tensor loss = h.sum();
        loss.backward();
        loss.backward();
        assertArrayEquals(new float[] {1f, 8f, -2f}, x.grad(), 0f);

        // Two losses sharing h: d(sum h)/dx + d(sum h*h)/dx = w + 2 h w.
        Tensor y = Tensor.variable(new float[] {1f, -2f, 3f}, 3);
        Tensor shared = y.mul(w);
        shared.sum().backward();
        shared.mul(shared).sum().backward();
        assertArrayEquals(new float[] {0.5f + 2 * 0.5f * 0.5f, 4f + 2 * -8f * 4f, -1f + 2 * -3f * -1f}, y.grad(), 0f);
    }
}
