/** Trainer, fitted model and per-kind likelihoods behind {@code dev.quiver.plugins.bayes}; not API. */
package dev.quiver.plugins.bayes.internal;
