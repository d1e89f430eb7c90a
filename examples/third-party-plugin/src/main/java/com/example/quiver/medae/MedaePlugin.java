package com.example.quiver.medae;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.metric.MetricFactory;
import java.util.List;

/**
 * The plugin's entry point, named in {@code META-INF/services/dev.quiver.api.Plugin}: one metric, {@code medae}.
 * Stateless.
 */
public final class MedaePlugin implements Plugin {

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT; // a compile-time constant: the SPI this jar was built for
    }

    @Override
    public Iterable<MetricFactory> getMetricFactories() {
        return List.of(new MedaeFactory());
    }
}
