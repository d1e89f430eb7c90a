/** Gradient clipping by global L2 norm or by value, as {@code torch.nn.utils}. */
package dev.quiver.optim.clip;
