/**
 * Losses with PyTorch's definitions (mse, mae, huber, bce, cross-entropy), as immutable records over plain
 * float arrays; {@link dev.quiver.optim.loss.Losses#forTask} picks the default one for a task.
 */
package dev.quiver.optim.loss;
