package dev.quiver.runtime.pipeline;

import dev.quiver.api.data.SinkFactory;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.optim.ScheduleFactory;
import dev.quiver.api.transform.TransformFactory;
import java.util.Map;
import java.util.Optional;

/**
 * Every factory the discovered plugins provide, by kind and name. Immutable once built; thread-safe.
 * Names are unique per kind (duplicates fail discovery).
 */
public interface PluginRegistry {

    Map<String, SourceFactory> sources();

    Map<String, SinkFactory> sinks();

    Map<String, TransformFactory> transforms();

    Map<String, ModelFactory> models();

    Map<String, LossFactory> losses();

    Map<String, OptimizerFactory> optimizers();

    Map<String, ScheduleFactory> schedules();

    Map<String, MetricFactory> metrics();

    /** Which plugin (jar or class) provided the named factory of a kind, for messages and {@code quiver plugins}. */
    Optional<String> origin(String kind, String name);
}
