package dev.quiver.runtime.plan.internal;

import dev.quiver.api.config.Config;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import java.util.Optional;

/** The {@code training:} section handed to a model factory, with the loss and optimizer made from it. */
record TrainingSection(Config config, Optional<Loss> loss, Optional<Optimizer> optimizer) implements TrainingSetup {
}
