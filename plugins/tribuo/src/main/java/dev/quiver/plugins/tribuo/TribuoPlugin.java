package dev.quiver.plugins.tribuo;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.model.ModelFactory;
import java.util.List;

/** Provides the {@code tribuo} model. Stateless. */
public final class TribuoPlugin implements Plugin {

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Iterable<ModelFactory> getModelFactories() {
        return List.of(new TribuoModelFactory());
    }
}
