/**
 * Evaluation metrics for classification and regression, checked against scikit-learn 1.2 ({@code
 * src/test/python/make_goldens.py}). {@link dev.quiver.plugins.metrics.MetricsPlugin} is the entry point; the
 * metrics themselves are in {@code classification} and {@code regression}, shared counting in {@code internal}.
 */
package dev.quiver.plugins.metrics;
