package dev.quiver.plugins.transforms;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.transform.TransformFactory;
import java.util.List;

/** The feature transforms: standardize, min-max, one-hot, impute, select and drop. */
public final class TransformsPlugin implements Plugin {

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Iterable<TransformFactory> getTransformFactories() {
        return List.of(
                new StandardizeFactory(),
                new MinMaxFactory(),
                new OneHotFactory(),
                new ImputeFactory(),
                new SelectFactory(),
                new DropFactory());
    }
}
