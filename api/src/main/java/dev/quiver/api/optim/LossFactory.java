package dev.quiver.api.optim;

import dev.quiver.api.Factory;

/** Makes {@link Loss}es: {@code training: {loss: NAME}} or {@code loss: {type: NAME, ...}}. */
public interface LossFactory extends Factory<Loss> {}
