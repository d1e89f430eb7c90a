/**
 * Quiver on Apache Spark: the distributed counterparts of the local fit steps. Spark schedules and aggregates
 * ({@code treeAggregate}, broadcast); Quiver's own plugins (losses, optimizers) do the arithmetic, loaded by name
 * inside tasks where they run there. Every public entry point is called on the Spark driver thread that owns the
 * {@code JavaSparkContext}; nothing here is meant to be shared between driver threads.
 */
package dev.quiver.spark;
