package dev.quiver.optim.optimizer.internal;

/**
 * The hyper-parameter rules PyTorch's optimizer constructors enforce, for code that builds settings directly
 * in Java (factories check the same rules earlier, as located config problems). Stateless.
 */
public final class Require {

    private Require() {}

    /** {@code value >= 0} and finite; NaN fails too. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** {@code 0 <= value < 1}, the rule for Adam's betas. */
    public static double unitInterval(String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
