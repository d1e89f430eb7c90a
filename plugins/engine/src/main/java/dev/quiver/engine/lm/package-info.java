/**
 * Language modelling on the engine as a user meets it: the {@code text} source (a UTF-8 file as windows of
 * token ids, split by position, with its tokenizer) and the {@code transformer-lm} model (training through the
 * pipeline's {@code training:} section, a run bundle, and text generation).
 */
package dev.quiver.engine.lm;
