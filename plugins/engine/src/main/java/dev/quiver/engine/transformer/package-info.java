/**
 * A GPT-style transformer language model on the engine's tensors: {@link dev.quiver.engine.transformer.TransformerLm}
 * (training step and the graph forward pass) and {@link dev.quiver.engine.transformer.Generator} (sampling with a
 * key/value cache).
 */
package dev.quiver.engine.transformer;
