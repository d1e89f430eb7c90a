package dev.quiver.engine.nn;

import dev.quiver.engine.tensor.Rng;
import java.util.Locale;

/**
 * How a layer's weights start (biases always start at zero, as most practice does).
 *
 * <ul>
 *   <li>{@code zeros}: all zero; the usual start for convex linear models.
 *   <li>{@code xavier}: Glorot uniform, {@code U(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}.
 *   <li>{@code he}: Kaiming normal for ReLU, {@code N(0, 2 / fanIn)}.
 *   <li>{@code normal}: {@code N(0, 0.01^2)}.
 * </ul>
 */
public enum Init {
    ZEROS,
    XAVIER,
    HE,
    NORMAL;

    /** Fills {@code weights} ({@code fanIn x fanOut}) from {@code random}. */
    public void fill(float[] weights, int fanIn, int fanOut, Rng random) {
        switch (this) {
            case ZEROS -> java.util.Arrays.fill(weights, 0f);
            case XAVIER -> {
                double a = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = (float) ((2 * random.nextDouble() - 1) * a);
                }
            }
            case HE -> {
                double std = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = (float) (random.nextGaussian() * std);
                }
            }
            case NORMAL -> {
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = (float) (random.nextGaussian() * 0.01);
                }
            }
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Init of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
