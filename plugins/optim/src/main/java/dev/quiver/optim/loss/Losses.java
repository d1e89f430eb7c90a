package dev.quiver.optim.loss;

import dev.quiver.api.Task;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.optim.loss.internal.BceFactory;
import dev.quiver.optim.loss.internal.CrossEntropyFactory;
import dev.quiver.optim.loss.internal.HuberFactory;
import dev.quiver.optim.loss.internal.MaeFactory;
import dev.quiver.optim.loss.internal.MseFactory;
import java.util.List;

/** The losses this plugin provides, and the default loss for each task. Stateless. */
public final class Losses {

    private Losses() {}

    /**
     * The loss a model uses when the pipeline names none: mean squared error for regression, binary
     * cross-entropy on one logit per row ({@link BceWithLogitsLoss}, targets 0 or 1) for binary
     * classification, cross-entropy on one logit per class ({@link CrossEntropyLoss}, class-index targets) for
     * multi-class classification and next-token prediction.
     *
     * @throws IllegalArgumentException for {@link Task#CLUSTERING}, which has no target to lose against
     */
    public static Loss forTask(Task task) {
        return switch (task) {
            case REGRESSION -> new MseLoss();
            case BINARY -> new BceWithLogitsLoss();
            case MULTICLASS, LANGUAGE_MODEL -> new CrossEntropyLoss();
            case CLASSIFICATION -> throw new IllegalArgumentException("resolve the task to binary or multiclass first");
            case CLUSTERING -> throw new IllegalArgumentException("clustering has no target, hence no loss");
        };
    }

    /** The factories, by pipeline name: mse, mae, huber, bce, cross-entropy. */
    public static List<LossFactory> factories() {
        return List.of(
                new MseFactory(), new MaeFactory(), new HuberFactory(), new BceFactory(), new CrossEntropyFactory());
    }
}
