package dev.quiver.plugins.bayes;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.model.ModelFactory;
import java.util.List;

/** Provides the {@code naive-bayes} model. */
public final class NaiveBayesPlugin implements Plugin {

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Iterable<ModelFactory> getModelFactories() {
        return List.of(new NaiveBayesFactory());
    }
}
