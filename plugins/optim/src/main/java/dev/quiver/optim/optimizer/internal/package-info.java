/** The optimizers' per-run state (float32 update loops) and factories; not API. */
package dev.quiver.optim.optimizer.internal;
