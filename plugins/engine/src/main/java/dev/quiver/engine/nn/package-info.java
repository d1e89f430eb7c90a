/** Layers, activations and initialisation schemes, built on {@link dev.quiver.engine.tensor.Tensor}. */
package dev.quiver.engine.nn;
