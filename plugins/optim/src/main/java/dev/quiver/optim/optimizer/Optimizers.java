package dev.quiver.optim.optimizer;

import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.optim.optimizer.internal.AdagradFactory;
import dev.quiver.optim.optimizer.internal.AdamFactory;
import dev.quiver.optim.optimizer.internal.RmsPropFactory;
import dev.quiver.optim.optimizer.internal.SgdFactory;
import java.util.List;

/** The optimizers this plugin provides. Stateless. */
public final class Optimizers {

    private Optimizers() {}

    /** The factories, by pipeline name: sgd, adam, adamw, rmsprop, adagrad. */
    public static List<OptimizerFactory> factories() {
        return List.of(
                new SgdFactory(), AdamFactory.adam(), AdamFactory.adamW(), new RmsPropFactory(), new AdagradFactory());
    }
}
