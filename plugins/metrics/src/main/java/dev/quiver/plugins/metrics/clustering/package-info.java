/**
 * Metrics of clustering runs, which compare the clusters with the true groups named by {@code columns.labels}:
 * {@code adjusted-rand}.
 */
package dev.quiver.plugins.metrics.clustering;
