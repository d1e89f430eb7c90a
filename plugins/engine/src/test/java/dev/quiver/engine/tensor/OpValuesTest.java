package dev.quiver.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Forward values of the ops against PyTorch (float32), printed by {@code src/test/python/goldens.py}. */
class OpValuesTest {

    private static float[] values(Tensor t) {
        return Arrays.copyOf(t.data(), t.size());
    }

    @Test
    void geluIsTheErfFormLikeTorchsDefault() {
        // torch.nn.functional.gelu(torch.tensor([-3., -1., -0.5, 0., 0.5, 1., 3.]))
        Tensor x = Tensor.of(new float[] {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f}, 7);
        assertArrayEquals(
                new float[] {-0.0040496f, -0.1586553f, -0.1542687f, 0f, 0.3457313f, 0.8413447f, 2.9959502f},
                values(x.gelu()),
                2e-6f);
    }

    @Test
    void softmaxStaysFiniteForHugeLogits() {
        Tensor x = Tensor.of(new float[] {1000f, 0f, -1000f}, 1, 3);
        assertArrayEquals(new float[] {1f, 0f, 0f}, values(x.softmax()), 0f);
        assertArrayEquals(new float[] {0f, -1000f, -2000f}, values(x.logSoftmax()), 0f);
        Tensor y = Tensor.of(new float[] {1f, 2f, 3f}, 1, 3);
        // torch.softmax(torch.tensor([1., 2., 3.]), 0)
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, values(y.softmax()), 1e-7f);
    }

    @Test
    void sigmoidIsStableAtBothEnds() {
        Tensor x = Tensor.of(new float[] {-200f, 0f, 200f}, 3);
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, values(x.sigmoid()), 0f);
    }

    @Test
    void broadcastShapesFollowNumPy() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor b = Tensor.of(new float[] {10, 20}, 2);
        Tensor c = a.add(b);
        assertArrayEquals(new int[] {3, 2}, c.shape());
        assertArrayEquals(new float[] {11, 21, 12, 22, 13, 23}, values(c), 0f);
        assertThrows(IllegalArgumentException.class, () -> c.add(Tensor.of(new float[3], 3)));
    }

    @Test
    void axisReductions() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {5, 7, 9}, values(a.sum(0, false)), 0f);
        assertArrayEquals(new float[] {2, 5}, values(a.mean(1, false)), 0f);
        assertArrayEquals(new int[] {2, 1}, a.sum(1, true).shape());
        assertEquals(21f, a.sum().item());
    }

    @Test
    void concatTransposeEmbedding() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new float[] {5, 6}, 2, 1);
        assertArrayEquals(new float[] {1, 2, 5, 3, 4, 6}, values(Tensor.concat(1, a, b)), 0f);
        assertArrayEquals(new float[] {1, 3, 2, 4}, values(a.transpose()), 0f);
        assertArrayEquals(new float[] {3, 4, 1, 2, 3, 4}, values(a.embedding(new int[] {1, 0, 1})), 0f);
        assertThrows(IndexOutOfBoundsException.class, () -> a.embedding(new int[] {2}));
    }

    @Test
    void dropoutScalesKeptValuesAndIsIdentityAtInference() {
        float[] ones = new float[10_000];
        Arrays.fill(ones, 1f);
        Tensor x = Tensor.of(ones, 10_000);
        assertSame(x, x.dropout(0.25f, new Rng(1), false));
        float[] y = values(x.dropout(0.25f, new Rng(1), true));
        int kept = 0;
        for (float v : y) {
            if (v != 0f) {
                assertEquals(1f / 0.75f, v, 0f);
                kept++;
            }
        }
        assertEquals(7500, kept, 150);
        assertArrayEquals(y, values(x.dropout(0.25f, new Rng(1), true)), 0f);
    }

    @Test
    void constantsBuildNoGraph() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2);
        Tensor y = a.mul(a).exp();
        assertFalse(y.requiresGrad());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertNull(a.grad());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor w = Tensor.variable(new float[] {3f}, 1);
        w.mul(w).sum().backward();
        w.mul(w).sum().backward();
        assertEquals(12f, w.grad()[0]);
    }

    @Test
    void workspaceReusesBuffersStepAfterStep() {
        Workspace workspace = new Workspace();
        Tensor w = Tensor.variable(new float[] {1, 2, 3, 4}, 2, 2);
        float[] first;
        workspace.activate();
        try {
            first = w.matmul(w).data();
            w.matmul(w).relu();
        } finally {
            workspace.close();
        }
        workspace.activate();
        try {
            assertSame(first, w.matmul(w).data());
        } finally {
            workspace.close();
        }
    }

    @Test
    void broadcastOffsetsComeFromTheWorkspaceAndStayValidForBackward() {
        Workspace workspace = new Workspace();
        Tensor bias = Tensor.variable(new float[] {10, 20}, 2);
        workspace.activate();
        try {
            // Step 1: [3,2] + [2] broadcasts the bias; its offsets are the first int buffer of the step.
            Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
            Tensor y = x.add(bias);
            assertArrayEquals(new float[] {11, 22, 13, 24, 15, 26}, Arrays.copyOf(y.data(), 6));
            // Another op taking an int buffer before backward must not overwrite the offsets backward reads.
            Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).add(Tensor.of(new float[] {1}, 1));
            y.mul(y).sum().backward();
            // d/db sum((x+b)^2) = 2 * column sums of (x+b): 2*(11+13+15), 2*(22+24+26)
            assertArrayEquals(new float[] {78, 144}, bias.grad());
            workspace.reset();
            // The next step's first int buffer is the bias's offsets of the last step: they came from the workspace.
            assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, Arrays.copyOf(Workspace.indices(6), 6));
        } finally {
            workspace.close();
        }
    }
}
