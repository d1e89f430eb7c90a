package dev.quiver.engine.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.text.CharTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task with an exact answer: two-digit additions written as {@code "37+48=85."} (char tokens, the answer in
 * the usual digit order, {@code .} ends it), 90 % of the 8100 sums of 10..99 for training, the rest held out. The
 * loss counts the answer tokens only (the operands are random, so predicting them teaches nothing). The trained
 * model must complete at least 95 % of the held-out sums exactly, by greedy generation with the cache.
 */
class AdditionTaskTest {

    private static final int WINDOW = 10; // "99+99=198." is the longest; shorter ones are padded with '.'
    private static final CharTokenizer CHARS = CharTokenizer.fit("0123456789+=.");

    static String example(int a, int b) {
        return a + "+" + b + "=" + (a + b) + ".";
    }

    @Test
    void completesHeldOutSums() {
        int steps = Integer.getInteger("quiver.addition.steps", 1200);
        List<int[]> train = new ArrayList<>();
        List<int[]> heldOut = new ArrayList<>();
        Rng split = new Rng(2026);
        for (int a = 10; a < 100; a++) {
            for (int b = 10; b < 100; b++) {
                (split.nextDouble() < 0.1 ? heldOut : train).add(new int[] {a, b});
            }
        }
        TransformerLm model =
                new TransformerLm(new TransformerLm.Config(CHARS.vocabSize(), WINDOW - 1, 2, 4, 64, 0f), 1);
        double peak = 3e-3;
        OptimizerRun run = TransformerLmTest.adamW(model, peak, 0.01);
        int batch = 64;
        Rng rng = new Rng(7);
        long start = System.nanoTime();
        float loss = 0;
        for (int step = 0; step < steps; step++) {
            // linear warm-up over 50 steps, then cosine decay to a tenth
            double lr = step < 50
                    ? peak * (step + 1) / 50
                    : peak * (0.1 + 0.45 * (1 + Math.cos(Math.PI * (step - 50) / (steps - 50))));
            run.setLearningRate(lr);
            int[] windows = new int[batch * WINDOW];
            boolean[] mask = new boolean[batch * (WINDOW - 1)];
            for (int k = 0; k < batch; k++) {
                int[] ab = train.get(rng.nextInt(train.size()));
                String s = example(ab[0], ab[1]);
                int[] ids = CHARS.encode((s + ".".repeat(WINDOW)).substring(0, WINDOW));
                System.arraycopy(ids, 0, windows, k * WINDOW, WINDOW);
                int equals = s.indexOf('=');
                // targets are the characters after '=' up to and including the first '.'
                for (int i = equals; i < s.length() - 1; i++) {
                    mask[k * (WINDOW - 1) + i] = true;
                }
            }
            loss = model.trainStep(windows, batch, mask, run, null);
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Generator generator = new Generator(model);
        int correct = 0;
        List<String> wrong = new ArrayList<>();
        for (int[] ab : heldOut) {
            String prompt = ab[0] + "+" + ab[1] + "=";
            String answer = CHARS.decode(generator.generate(CHARS.encode(prompt), 4, Sampling.greedy(), 0, true, null));
            String expected = (ab[0] + ab[1]) + ".";
            if (answer.startsWith(expected)) {
                correct++;
            } else if (wrong.size() < 10) {
                wrong.add(prompt + answer);
            }
        }
        double accuracy = correct / (double) heldOut.size();
        System.out.printf(
                "addition: %d steps in %.1f s, final loss %.4f, held-out exact %.3f of %d%n",
                steps, trainSeconds, loss, accuracy, heldOut.size());
        assertTrue(accuracy >= 0.95, "held-out exact completions " + accuracy + ", e.g. " + wrong);
    }
}
