package dev.quiver.plugins.metrics.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import java.util.List;
import java.util.function.Function;

/**
 * A metric factory from its parts: a name, one sentence, the options it reads, and a function from the read
 * configuration to the metric. Every metric in this plugin is one line of {@code MetricsPlugin} this way.
 * Immutable and stateless.
 *
 * @param name the pipeline-file name
 * @param description one sentence for {@code quiver plugins}
 * @param options every option {@code make} reads
 * @param make builds the metric, reading its options through {@link Config#get}
 */
public record MetricSpec(String name, String description, List<Option<?>> options, Function<Config, Metric> make)
        implements MetricFactory {

    public MetricSpec {
        options = List.copyOf(options);
    }

    @Override
    public Metric create(Config config, PluginContext context) {
        return make.apply(config);
    }
}
