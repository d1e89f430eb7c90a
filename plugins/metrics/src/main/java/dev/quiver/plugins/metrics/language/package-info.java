/** Metrics of language models: {@code perplexity}. */
package dev.quiver.plugins.metrics.language;
