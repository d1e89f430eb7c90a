/**
 * The README's "Small bases" examples ({@code clip} on {@link dev.quiver.api.transform.ColumnMapTransform},
 * {@code max-error} on {@link dev.quiver.api.metric.RowMetric}), each held to its conformance kit.
 */
package dev.quiver.testing.examples;
