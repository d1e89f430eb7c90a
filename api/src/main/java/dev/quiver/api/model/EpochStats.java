package dev.quiver.api.model;

import java.util.Map;

/**
 * The figures of one finished epoch.
 *
 * @param epoch 1-based
 * @param trainLoss mean loss over the epoch's training batches
 * @param validationLoss loss on the validation rows, {@code NaN} when there are none
 * @param metrics other per-epoch figures by name (e.g. {@code validation_accuracy})
 * @param rows training rows processed in this epoch
 * @param seconds wall time of the epoch
 * @param learningRate the learning rate at the end of the epoch
 */
public record EpochStats(
        int epoch,
        double trainLoss,
        double validationLoss,
        Map<String, Double> metrics,
        long rows,
        double seconds,
        double learningRate) {

    public EpochStats {
        metrics = Map.copyOf(metrics);
    }
}
