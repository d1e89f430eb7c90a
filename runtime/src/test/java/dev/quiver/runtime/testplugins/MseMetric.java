package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.metric.Predictions;
import java.util.Set;

/** Test metric {@code mse}: mean squared error, for regression. */
public final class MseMetric implements MetricFactory {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public Metric create(Config config, PluginContext context) {
        return new Metric() {
            @Override
            public Set<Task> tasks() {
                return Set.of(Task.REGRESSION);
            }

            @Override
            public boolean higherIsBetter() {
                return false;
            }

            @Override
            public double compute(Predictions p) {
                double sum = 0;
                for (int i = 0; i < p.size(); i++) {
                    double d = p.predicted()[i] - p.actual()[i];
                    sum += d * d;
                }
                return p.size() == 0 ? Double.NaN : sum / p.size();
            }
        };
    }
}
