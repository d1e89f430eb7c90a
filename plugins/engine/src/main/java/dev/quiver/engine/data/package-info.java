/** From Arrow batches of {@link dev.quiver.api.model.TrainingData} to contiguous primitive arrays, without boxing. */
package dev.quiver.engine.data;
