/**
 * Quiver on Apache Spark: the distributed counterparts of the local fit steps. Spark schedules and aggregates
 * ({@code treeAggregate}, broadcast); Quiver's own plugins (sources, fitted transforms and models, losses, the
 * engine's network layers; optimizers on the driver) do the arithmetic, loaded by name inside the tasks. Every public entry point is called on the Spark driver thread that owns the
 * {@code JavaSparkContext}; nothing here is meant to be shared between driver threads.
 */
package dev.quiver.spark;
