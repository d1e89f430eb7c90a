/** The classification metrics (accuracy, precision/recall/F1, log-loss, ranking metrics, ...), stateless. */
package dev.quiver.plugins.metrics.classification;
