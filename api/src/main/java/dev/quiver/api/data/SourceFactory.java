package dev.quiver.api.data;

import dev.quiver.api.Factory;

/** Makes {@link Source}s: {@code source: {type: NAME, ...}} in a pipeline file. */
public interface SourceFactory extends Factory<Source> {}
