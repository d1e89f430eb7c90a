package dev.quiver.engine.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.text.CharTokenizer;
import dev.quiver.optim.optimizer.Adam;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model's training step, its initialisation and generation with and without the key/value cache. */
class TransformerLmTest {

    static OptimizerRun adamW(TransformerLm model, double lr, double weightDecay) {
        Adam adam = new Adam(new Adam.Settings(lr, 0.9, 0.95, 1e-8, weightDecay, true, false, false, false));
        return adam.start(model.parameters());
    }

    @Test
    void memorisesOneRepeatedSentence() {
        String sentence = "the quick brown fox jumps over the lazy dog. ";
        CharTokenizer chars = CharTokenizer.fit(sentence);
        int[] ids = chars.encode(sentence.repeat(4));
        TransformerLm model = new TransformerLm(new TransformerLm.Config(chars.vocabSize(), 32, 2, 2, 32, 0f), 7);
        OptimizerRun run = adamW(model, 3e-3, 0.01);
        int batch = 8;
        Rng rng = new Rng(1);
        float first = 0, last = 0;
        for (int step = 0; step < 200; step++) {
            int[] windows = new int[batch * 33];
            for (int b = 0; b < batch; b++) {
                // windows start where the sentence starts, so every next character is determined by the prefix
                System.arraycopy(ids, sentence.length() * rng.nextInt(3), windows, b * 33, 33);
            }
            last = model.trainStep(windows, batch, null, run, null);
            if (step == 0) {
                first = last;
            }
        }
        assertEquals(Math.log(chars.vocabSize()), first, 0.3, "an untrained model is near-uniform");
        assertTrue(last < 0.01, "loss after 200 steps: " + last);
        int[] prompt = chars.encode("the quick ");
        String completion = chars.decode(new Generator(model).generate(prompt, 20, Sampling.greedy(), 0, true, null));
        assertEquals("brown fox jumps over", completion); // within the context it was trained on
    }

    @Test
    void initialisesAsGpt2AndDecaysOnlyMatrices() {
        TransformerLm model = new TransformerLm(new TransformerLm.Config(50, 16, 4, 2, 64, 0f), 3);
        List<String> decayed = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            if (!p.bias()) {
                decayed.add(p.name());
            }
        }
        assertEquals(4 * 4, decayed.size(), "qkv, attention projection, fc and mlp projection per block: " + decayed);
        assertTrue(
                decayed.stream()
                        .noneMatch(n ->
                                n.contains("ln") || n.contains("bias") || n.startsWith("wp") || n.startsWith("wt")),
                decayed.toString());
        assertEquals(0.02, std(model.blocks[0].qkvW().value()), 0.002);
        assertEquals(0.02 / Math.sqrt(8), std(model.blocks[0].projW().value()), 0.001);
        assertEquals(0.02 / Math.sqrt(8), std(model.blocks[3].outW().value()), 0.0005);
        assertEquals(1f, model.blocks[2].ln2g().value()[5]);
        long perBlock = 12L * 64 * 64 + 13L * 64;
        assertEquals(50 * 64 + 16 * 64 + 4 * perBlock + 2 * 64, model.parameterCount());
    }

    private static double std(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s / v.length);
    }

    /** A randomly initialised model with large weights, so the logits are far from uniform and choices matter. */
    private static TransformerLm sharpModel(int context) {
        TransformerLm model = new TransformerLm(new TransformerLm.Config(20, context, 2, 2, 16, 0f), 5);
        for (Parameter p : model.parameters()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] *= p.bias() && v[i] == 1f ? 1f : 40f;
            }
        }
        return model;
    }

    @Test
    void keyValueCacheGivesTheSameTokensAsRecomputingThePrefix() {
        TransformerLm model = sharpModel(12);
        Generator generator = new Generator(model);
        int[] prompt = {3, 1, 4, 1, 5};
        for (Sampling s : List.of(Sampling.greedy(), new Sampling(1.0, 0, 1), new Sampling(0.8, 5, 0.9))) {
            // 40 tokens with a context of 12: the view slides several times
            int[] cached = generator.generate(prompt, 40, s, 11, true, null);
            int[] recomputed = generator.generate(prompt, 40, s, 11, false, null);
            assertArrayEquals(recomputed, cached, s.toString());
        }
    }

    @Test
    void theSameSeedGivesTheSameTokensAndAnotherSeedOthers() {
        Generator generator = new Generator(sharpModel(16));
        int[] prompt = {2, 7};
        Sampling s = new Sampling(1.0, 0, 1);
        List<Integer> streamed = new ArrayList<>();
        int[] a = generator.generate(prompt, 30, s, 42, true, streamed::add);
        assertArrayEquals(a, generator.generate(prompt, 30, s, 42, true, null));
        assertArrayEquals(a, streamed.stream().mapToInt(Integer::intValue).toArray());
        assertFalse(java.util.Arrays.equals(a, generator.generate(prompt, 30, s, 43, true, null)));
    }

    @Test
    void topKOneIsGreedyAndTopPKeepsTheMostLikely() {
        float[] logits = {0.5f, 3f, 2.9f, -1f};
        Rng rng = new Rng(9);
        // probabilities 0.04, 0.50, 0.45, 0.01: top-p 0.4 keeps token 1, top-p 0.9 tokens 1 and 2
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 100; i++) {
            assertEquals(1, new Sampling(2.0, 1, 1).next(logits, 4, rng));
            assertEquals(1, new Sampling(1.0, 0, 0.4).next(logits, 4, rng));
            seen.add(new Sampling(1.0, 0, 0.9).next(logits, 4, rng));
        }
        assertEquals(java.util.Set.of(1, 2), seen);
    }
}
