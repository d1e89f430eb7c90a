/**
 * The engine's model factories ({@code linear-regression}, {@code logistic-regression},
 * {@code softmax-regression}, {@code mlp}) and the immutable, thread-safe models they fit.
 */
package dev.quiver.engine.models;
