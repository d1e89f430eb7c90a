package dev.quiver.api.model;

import dev.quiver.api.Task;
import java.util.Map;
import java.util.Optional;

/**
 * What an iteratively trained model uses when {@code training:} names no loss or optimizer, written as a
 * pipeline would write them, so that the runtime makes them through the same plugins (and a model needs no
 * dependency on the plugin that provides them). Declaring these ({@link Trainer#training()}) is how a trainer
 * says it trains iteratively. Immutable.
 *
 * @param losses the loss plugin name for each task the trainer learns ({@code REGRESSION -> "mse"})
 * @param optimizer the optimizer entry, e.g. {@code {type: adam, lr: 0.01}}
 */
public record TrainingDefaults(Map<Task, String> losses, Map<String, Object> optimizer) {

    public TrainingDefaults {
        losses = Map.copyOf(losses);
        optimizer = Map.copyOf(optimizer);
        if (!optimizer.containsKey("type")) {
            throw new IllegalArgumentException("the default optimizer needs a type, got " + optimizer);
        }
    }

    /** The default loss for a resolved task, if the trainer learns it. */
    public Optional<String> loss(Task task) {
        return Optional.ofNullable(losses.get(task));
    }
}
