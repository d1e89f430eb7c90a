/** The executor's stages, splits, folds, checkpoints and tuning loop; not API. */
package dev.quiver.runtime.exec.internal;
