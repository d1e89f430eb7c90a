package dev.quiver.api.metric;

import dev.quiver.api.Factory;

/** Makes {@link Metric}s: {@code evaluate: [NAME, {type: NAME, ...}]}. */
public interface MetricFactory extends Factory<Metric> {}
