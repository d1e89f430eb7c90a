/**
 * The engine-owned training loop and the {@code training:} section it reads: mini-batches (in memory or
 * streamed), schedules, clipping, early stopping, divergence guard and checkpoints.
 */
package dev.quiver.engine.train;
