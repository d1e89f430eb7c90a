/**
 * Quiver's native learning engine: float32 tensors with reverse-mode automatic differentiation
 * ({@code tensor}), parallel deterministic kernels ({@code kernel}), layers ({@code nn}), the training loop
 * ({@code train}) and the linear, logistic, softmax and MLP models ({@code models}), plus exact least squares
 * ({@code linalg}).
 */
package dev.quiver.engine;
