package dev.quiver.engine.tensor;

import static dev.quiver.engine.tensor.GradCheck.check;
import static dev.quiver.engine.tensor.GradCheck.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The transformer's ops against central finite differences, and the causal mask's one observable property. */
class TransformerOpsGradientTest {

    @Test
    void layerNormWithAffine() {
        check(t -> t[0].layerNorm(t[1], t[2], 1e-5f), random(1, 4, 6), random(2, 6), random(3, 6));
        check(t -> t[0].layerNorm(t[1], t[2], 1e-5f), random(4, 2, 3, 5), random(5, 5), random(6, 5));
    }

    @Test
    void causalMultiHeadAttention() {
        // two sequences of four positions, width 6 in two heads of 3: q, k and v side by side in 18 columns
        check(t -> t[0].causalAttention(2, 2), random(1, 8, 18));
        check(t -> t[0].causalAttention(1, 1), random(2, 5, 6));
    }

    @Test
    void tiedOutputLayer() {
        check(t -> t[0].matmulTransposed(t[1]), random(1, 5, 4), random(2, 7, 4));
    }

    @Test
    void crossEntropyOverAVocabularyIgnoringNegativeTargets() {
        check(t -> t[0].crossEntropy(new int[] {2, 0, -1, 4}), random(1, 4, 5));
    }

    @Test
    void embeddingsOfTokensAndPositionsAddUp() {
        check(
                t -> t[0].embedding(new int[] {3, 1, 3, 0}).add(t[1].embedding(new int[] {0, 1, 0, 1})),
                random(1, 5, 3),
                random(2, 2, 3));
    }

    @Test
    void aPositionNeverSeesTheFuture() {
        Tensor qkv = random(7, 4, 6);
        float[] before = qkv.causalAttention(1, 2).data().clone();
        float[] x = qkv.data();
        for (int c = 0; c < 6; c++) {
            x[3 * 6 + c] += 5f; // change everything about the last position
        }
        float[] after = qkv.causalAttention(1, 2).data();
        for (int i = 0; i < 3 * 2; i++) {
            assertEquals(before[i], after[i], 0f, "output " + i + " of an earlier position moved");
        }
    }

    @Test
    void ignoredTargetsDoNotCount() {
        Tensor logits = random(3, 2, 3);
        float both = logits.crossEntropy(new int[] {1, 2}).item();
        float first =
                Tensor.of(logits.data(), 2, 3).crossEntropy(new int[] {1, -1}).item();
        float second =
                Tensor.of(logits.data(), 2, 3).crossEntropy(new int[] {-1, 2}).item();
        assertEquals((first + second) / 2, both, 1e-6);
        assertThrows(IllegalArgumentException.class, () -> logits.causalAttention(1, 4));
    }
}
