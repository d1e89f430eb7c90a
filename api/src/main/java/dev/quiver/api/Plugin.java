package dev.quiver.api;

import dev.quiver.api.data.SinkFactory;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.optim.ScheduleFactory;
import dev.quiver.api.transform.TransformFactory;
import java.util.List;

/**
 * The entry point of a plugin jar, found with {@link java.util.ServiceLoader}.
 *
 * <p>One default-empty getter per extension kind: a plugin overrides only the kinds it provides. The runtime
 * calls each getter once, on one thread, while it builds its registry; factory names must be unique within a
 * kind across all plugins (a duplicate is a startup error naming both jars). A jar that declares this service
 * but provides nothing is reported as an error too, since it is almost always a packaging mistake.
 *
 * <p>Implementations need a public no-argument constructor and must not do work in it: discovery should be
 * cheap and side-effect free.
 */
public interface Plugin {

    default Iterable<SourceFactory> getSourceFactories() {
        return List.of();
    }

    default Iterable<SinkFactory> getSinkFactories() {
        return List.of();
    }

    default Iterable<TransformFactory> getTransformFactories() {
        return List.of();
    }

    default Iterable<ModelFactory> getModelFactories() {
        return List.of();
    }

    default Iterable<LossFactory> getLossFactories() {
        return List.of();
    }

    default Iterable<OptimizerFactory> getOptimizerFactories() {
        return List.of();
    }

    default Iterable<ScheduleFactory> getScheduleFactories() {
        return List.of();
    }

    default Iterable<MetricFactory> getMetricFactories() {
        return List.of();
    }
}
