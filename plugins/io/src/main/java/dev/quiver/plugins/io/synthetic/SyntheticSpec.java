package dev.quiver.plugins.io.synthetic;

import dev.quiver.api.Task;

/**
 * What to generate: the validated options of a {@code synthetic} source.
 *
 * @param classes 2 for binary, at least 3 for multiclass, 0 for regression
 */
record SyntheticSpec(long rows, int features, Task task, int classes, double noise, long seed, int batchSize) {}
