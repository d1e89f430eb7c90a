package dev.quiver.engine;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.lm.TextSourceFactory;
import dev.quiver.engine.lm.TransformerLmFactory;
import dev.quiver.engine.models.LinearRegressionFactory;
import dev.quiver.engine.models.LogisticRegressionFactory;
import dev.quiver.engine.models.MlpFactory;
import dev.quiver.engine.models.SoftmaxRegressionFactory;
import java.util.List;

/**
 * The engine's entry point for {@link java.util.ServiceLoader}: its model factories and the {@code text} source.
 * Stateless.
 */
public final class EnginePlugin implements Plugin {

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Iterable<ModelFactory> getModelFactories() {
        return List.of(
                new LinearRegressionFactory(),
                new LogisticRegressionFactory(),
                new SoftmaxRegressionFactory(),
                new MlpFactory(),
                new TransformerLmFactory());
    }

    @Override
    public Iterable<SourceFactory> getSourceFactories() {
        // The text source lives beside the model because both use the engine's tokenizers.
        return List.of(new TextSourceFactory());
    }
}
