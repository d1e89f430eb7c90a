package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.metric.Predictions;
import java.util.Set;

/** Test metric {@code accuracy}: the fraction of rows whose predicted class is the true one. */
public final class AccuracyMetric implements MetricFactory {

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public Metric create(Config config, PluginContext context) {
        return new Metric() {
            @Override
            public Set<Task> tasks() {
                return Set.of(Task.BINARY, Task.MULTICLASS);
            }

            @Override
            public boolean higherIsBetter() {
                return true;
            }

            @Override
            public double compute(Predictions p) {
                int right = 0;
                for (int i = 0; i < p.size(); i++) {
                    right += p.predicted()[i] == p.actual()[i] ? 1 : 0;
                }
                return p.size() == 0 ? Double.NaN : (double) right / p.size();
            }
        };
    }
}
