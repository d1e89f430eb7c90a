/**
 * Run folders: the files a run writes ({@link dev.quiver.runtime.bundle.RunBundle}), component state as JSON,
 * atomic replacement of a folder, and {@link dev.quiver.runtime.bundle.FittedPipeline}, a trained pipeline that
 * predicts on Arrow batches, or on rows as Java values into {@link dev.quiver.runtime.bundle.Predictions}, from
 * any number of threads.
 */
package dev.quiver.runtime.bundle;
