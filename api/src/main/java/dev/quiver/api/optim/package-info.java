/**
 * Losses, optimizers, learning-rate schedules and gradient clipping for gradient-trained models, over plain float
 * arrays so that any model plugin can use any loss, optimizer or schedule plugin. Conventions follow PyTorch:
 * losses take raw model outputs (logits for classification), optimizers update parameters in place from their
 * gradients.
 */
package dev.quiver.api.optim;
