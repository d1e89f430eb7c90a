package dev.quiver.api.transform;

import dev.quiver.api.Factory;
import dev.quiver.api.PluginContext;
import dev.quiver.api.state.StateReader;

/** Makes {@link Transform}s ({@code transforms: [{type: NAME, ...}]}) and reloads fitted ones from a saved run. */
public interface TransformFactory extends Factory<Transform> {

    /** Rebuilds a fitted transform from what {@link FittedTransform#save} wrote. */
    FittedTransform load(StateReader state, PluginContext context);
}
