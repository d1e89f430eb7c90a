package dev.quiver.runtime.testplugins;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.transform.TransformFactory;
import java.util.List;

/**
 * The runtime's own test plugins, registered in the test classpath's {@code META-INF/services}: small but real
 * components (sources {@code table} and {@code memory}, transforms {@code scale} and {@code text}, models {@code mean} and
 * {@code majority}, loss {@code squared}, optimizer {@code sgd}, metrics {@code mse} and {@code accuracy}) so
 * that the loader and the executor can be tested without the plugin modules.
 */
public final class TestPlugin implements Plugin {

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Iterable<SourceFactory> getSourceFactories() {
        return List.of(new TableSource(), new MemorySource());
    }

    @Override
    public Iterable<TransformFactory> getTransformFactories() {
        return List.of(new ScaleTransform(), new TextTransform());
    }

    @Override
    public Iterable<ModelFactory> getModelFactories() {
        return List.of(new MeanModel(), new MajorityModel());
    }

    @Override
    public Iterable<LossFactory> getLossFactories() {
        return List.of(new SquaredLoss());
    }

    @Override
    public Iterable<OptimizerFactory> getOptimizerFactories() {
        return List.of(new SgdOptimizer());
    }

    @Override
    public Iterable<MetricFactory> getMetricFactories() {
        return List.of(new MseMetric(), new AccuracyMetric());
    }
}
