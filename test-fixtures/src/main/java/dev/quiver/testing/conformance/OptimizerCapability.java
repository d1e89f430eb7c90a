package dev.quiver.testing.conformance;

/**
 * Optional features of an optimizer, as Trino's {@code TestingConnectorBehavior}: an
 * {@link OptimizerConformance} subclass lists the ones its optimizer has; for each missing one the kit checks
 * that it is refused clearly (an undeclared option, which the runtime reports as an unknown key with a
 * did-you-mean, or an {@link UnsupportedOperationException} with a message), never silently ignored.
 */
public enum OptimizerCapability {
    /** A {@code weightDecay} option (L2 penalty or decoupled decay) that pulls weights toward zero. */
    WEIGHT_DECAY,
    /** A {@code maximize} option that ascends the objective. */
    MAXIMIZE,
    /** {@code OptimizerRun.save} and {@code restore}, so that {@code quiver run --resume} can continue a run. */
    CHECKPOINT
}
