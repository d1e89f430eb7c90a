package dev.quiver.testing.conformance;

/**
 * Optional features of a loss, as Trino's {@code TestingConnectorBehavior}: a {@link LossConformance} subclass
 * lists the ones its loss has, and the kit checks that a missing one is refused clearly rather than skipped.
 */
public enum LossCapability {
    /** A {@code reduction} option with {@code mean} (the default) and {@code sum}. */
    REDUCTION
}
