package dev.quiver.api.model;

import dev.quiver.api.config.Config;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import java.util.Optional;

/**
 * The {@code training:} section as a model factory sees it: its own options, plus the loss and optimizer the
 * runtime made from {@code training.loss} and {@code training.optimizer} when the user gave them (a model
 * picks defaults that suit its task otherwise).
 */
public interface TrainingSetup {

    /** The {@code training:} mapping (empty when absent). */
    Config config();

    Optional<Loss> loss();

    Optional<Optimizer> optimizer();
}
