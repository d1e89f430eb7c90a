package com.example.quiver.medae;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;

/** {@code medae}: the median absolute error of a regression, robust to a few wild predictions. Stateless. */
public final class MedaeFactory implements MetricFactory {

    @Override
    public String name() {
        return "medae";
    }

    @Override
    public String description() {
        return "Median absolute error (regression); lower is better.";
    }

    @Override
    public Metric create(Config config, PluginContext context) {
        return new MedianAbsoluteError();
    }
}
