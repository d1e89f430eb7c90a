/**
 * Losses, optimizers, learning-rate schedules and gradient clipping for gradient-trained models, with
 * PyTorch's definitions, update rules and defaults. Model plugins use them through the SPI
 * ({@link dev.quiver.api.optim}); the native engine also calls the public classes in {@code loss},
 * {@code optimizer}, {@code schedule} and {@code clip} directly for defaults and its training loop.
 */
package dev.quiver.optim;
