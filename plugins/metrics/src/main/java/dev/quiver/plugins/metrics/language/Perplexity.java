package dev.quiver.plugins.metrics.language;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import java.util.Set;

/**
 * {@code perplexity}: {@code exp} of the mean next-token cross-entropy over every predicted token of the split.
 * A language model's prediction for a row (a window) is the window's mean cross-entropy in nats and the row's
 * {@code actual} is the number of tokens it predicts, so the mean is weighted by that count: a token-level mean,
 * as PyTorch's {@code exp(F.cross_entropy(logits, targets))} over the same tokens. Lower is better; a uniform
 * guess over V tokens scores V. NaN for no tokens. Stateless.
 */
public final class Perplexity implements Metric {

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.LANGUAGE_MODEL);
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public boolean usesProbabilities() {
        return false;
    }

    @Override
    public double compute(Predictions predictions) {
        double tokens = 0;
        double nats = 0;
        for (int r = 0; r < predictions.size(); r++) {
            tokens += predictions.actual()[r];
            nats += predictions.actual()[r] * predictions.predicted()[r];
        }
        return tokens > 0 ? Math.exp(nats / tokens) : Double.NaN;
    }
}
