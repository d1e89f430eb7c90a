/** Not API: the serializable accumulators that travel between Spark tasks and the driver. */
package dev.quiver.spark.internal;
