package dev.quiver.engine;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.models.LinearRegressionFactory;
import dev.quiver.engine.models.LogisticRegressionFactory;
import dev.quiver.engine.models.MlpFactory;
import dev.quiver.engine.models.SoftmaxRegressionFactory;
import java.util.List;

/** The engine's entry point for {@link java.util.ServiceLoader}: its model factories. Stateless. */
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
                new MlpFactory());
    }
}
