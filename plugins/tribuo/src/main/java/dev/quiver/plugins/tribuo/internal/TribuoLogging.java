package dev.quiver.plugins.tribuo.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Tribuo's java.util.logging output out of a Quiver run unless the user asks for it. Tribuo logs at INFO
 * on every SGD fit ("Training SGD model with N examples") and, for {@code LogisticRegressionTrainer}, every 1000
 * examples; Quiver reports progress itself.
 *
 * <p>The level is set on the {@code org.tribuo} logger, so it is process-wide: the last fit to start decides.
 * Thread-safe.
 */
public final class TribuoLogging {

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    private TribuoLogging() {}

    /** INFO when {@code verbose}, otherwise WARNING and above only. */
    public static void apply(boolean verbose) {
        TRIBUO.setLevel(verbose ? Level.INFO : Level.WARNING);
    }
}
