package dev.quiver.plugins.metrics;

import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Test helper: a metric by name, made through the plugin's factory as the runtime would. */
final class Metrics {

    private Metrics() {}

    static MetricFactory factory(String name) {
        return StreamSupport.stream(new MetricsPlugin().getMetricFactories().spliterator(), false)
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric named " + name));
    }

    /** Makes a metric; options given as text are converted to what their declaration expects. */
    static Metric create(String name, Map<String, String> options) {
        Map<String, Object> values = new LinkedHashMap<>();
        options.forEach((k, v) -> values.put(k, k.equals("zeroDivision") ? (Object) Double.valueOf(v) : v));
        MapConfig config = new MapConfig("", values);
        Metric metric = factory(name).create(config, new TestContext());
        config.assertNoProblems();
        return metric;
    }

    static Metric create(String name) {
        return create(name, Map.of());
    }
}
