package dev.quiver.engine.nn;

import dev.quiver.engine.tensor.Tensor;
import java.util.Locale;

/** The hidden-layer non-linearities an MLP may use, by their pipeline names. */
public enum Activation {
    RELU,
    TANH,
    SIGMOID,
    GELU;

    public Tensor apply(Tensor x) {
        return switch (this) {
            case RELU -> x.relu();
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case GELU -> x.gelu();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
