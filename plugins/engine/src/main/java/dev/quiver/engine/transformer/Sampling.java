package dev.quiver.engine.transformer;

import dev.quiver.engine.tensor.Rng;
import java.util.Arrays;

/**
 * How the next token is drawn from the logits: {@code temperature} 0 takes the most likely token; otherwise the
 * logits are divided by it, cut to the {@code topK} most likely (0: all) and then to the smallest set whose
 * probability reaches {@code topP} (1: all), and one token is drawn from what remains with the caller's seeded
 * {@link Rng}. Ties rank the lower id first, so a seed fixes the choice. Immutable.
 */
public record Sampling(double temperature, int topK, double topP) {

    public Sampling {
        if (temperature < 0 || topK < 0 || !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("temperature >= 0, topK >= 0 and 0 < topP <= 1 expected");
        }
    }

    public static Sampling greedy() {
        return new Sampling(0, 0, 1);
    }

    int next(float[] logits, int vocab, Rng rng) {
        if (temperature == 0) {
            int best = 0;
            for (int i = 1; i < vocab; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        }
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
        int keep = topK == 0 ? vocab : Math.min(topK, vocab);
        double max = logits[order[0]] / temperature;
        double[] p = new double[keep];
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp(logits[order[i]] / temperature - max);
            sum += p[i];
        }
        if (topP < 1) {
            double cumulative = 0;
            int cut = keep;
            for (int i = 0; i < keep; i++) {
                cumulative += p[i] / sum;
                if (cumulative >= topP) {
                    cut = i + 1;
                    break;
                }
            }
            keep = cut;
            sum = 0;
            for (int i = 0; i < keep; i++) {
                sum += p[i];
            }
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < keep; i++) {
            u -= p[i];
            if (u < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }
}
