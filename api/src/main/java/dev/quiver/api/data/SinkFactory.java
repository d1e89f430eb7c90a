package dev.quiver.api.data;

import dev.quiver.api.Factory;

/** Makes {@link Sink}s: where predictions and tables are written. */
public interface SinkFactory extends Factory<Sink> {}
