package dev.quiver.optim.loss;

import java.util.Locale;

/** How a loss turns per-element (or per-row) losses into one number, as PyTorch's {@code reduction}. */
public enum Reduction {
    /** The average: over elements for element-wise losses, over rows (weighted) for cross-entropy. */
    MEAN,
    /** The plain sum. */
    SUM;

    /** The pipeline-file spelling: {@code mean} or {@code sum}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #label()}. */
    public static Reduction of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
