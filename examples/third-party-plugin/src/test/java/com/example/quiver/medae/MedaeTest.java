package com.example.quiver.medae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.metric.Predictions;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.MetricConformance;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The plugin as Quiver will see it: found by ServiceLoader, the SPI version accepted, the metric's values, and
 * Quiver's metric conformance kit (the checks every bundled metric passes).
 */
class MedaeTest {

    /** The kit: perfect score, determinism, order independence, NaN handling, the scikit-learn references. */
    @Nested
    class Conformance extends MetricConformance {
        @Override
        protected MetricFactory factory() {
            return new MedaeFactory();
        }

        @Override
        protected double perfectScore() {
            return 0.0;
        }

        @Override
        protected List<Reference> references() {
            // scikit-learn: median_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) == 0.5
            return List.of(new Reference(
                    "sklearn docs", regression(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0, 2, 8}), 0.5, 0));
        }
    }

    private static Metric metric() {
        return new MedaeFactory().create(MapConfig.of(), new TestContext());
    }

    private static Predictions regression(double[] actual, double[] predicted) {
        return new Predictions(Task.REGRESSION, List.of(), actual, predicted, null);
    }

    @Test
    void thePluginIsFoundAndSpeaksThisSpi() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof MedaePlugin)
                .toList();
        assertEquals(1, plugins.size(), "META-INF/services names the plugin");
        assertTrue(SpiVersion.runtime().accepts(SpiVersion.parse(plugins.get(0).spiVersion())));
        MetricFactory factory = plugins.get(0).getMetricFactories().iterator().next();
        assertEquals("medae", factory.name());
    }

    @Test
    void oddCountsTakeTheMiddleErrorAndEvenCountsTheMeanOfTheTwo() {
        // scikit-learn: median_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) == 0.5
        assertEquals(0.5, metric().compute(regression(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0, 2, 8})));
        // errors 1, 10, 2: the median is 2 whatever the outlier
        assertEquals(2.0, metric().compute(regression(new double[] {1, 2, 3}, new double[] {0, 12, 5})));
    }

    @Test
    void lowerIsBetterAndNoRowsIsUndefined() {
        assertFalse(metric().higherIsBetter());
        assertTrue(Double.isNaN(metric().compute(regression(new double[0], new double[0]))));
        assertEquals(
                "medae{rows=3}",
                metric().details(regression(new double[] {1, 2, 3}, new double[] {1, 2, 3})).get("summary"));
    }
}
