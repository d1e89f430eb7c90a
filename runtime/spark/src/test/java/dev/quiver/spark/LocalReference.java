package dev.quiver.spark;

import dev.quiver.api.Factory;
import dev.quiver.api.Plugin;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;

/** The local side of each comparison: Quiver's own plugins, found by name, run on one machine. */
final class LocalReference {

    private LocalReference() {}

    /** The local standardize plugin's fit of the whole table: column to {mean, scale}. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Double>> standardize(
            TableData table, List<String> features, String target, BufferAllocator allocator) {
        Transform standardize = LocalReference.make(Plugin::getTransformFactories, "standardize")
                .create(MapConfig.of(), new TestContext());
        FittedTransform fitted = standardize.fit(table, new Columns(features, Optional.of(target)), allocator);
        return (Map<String, Map<String, Double>>) fitted.describe().get("columns");
    }

    /** The table with each feature standardized by {@code scaler}, as the local pipeline feeds the model. */
    static TableData standardized(
            TableData table, Map<String, Map<String, Double>> scaler, List<String> features, String target) {
        TableData.Builder builder = TableData.builder();
        for (String feature : features) {
            double[] values = table.doubles(feature);
            double mean = scaler.get(feature).get("mean");
            double scale = scaler.get(feature).get("scale");
            for (int r = 0; r < values.length; r++) {
                values[r] = (values[r] - mean) / scale;
            }
            builder.doubles(feature, values);
        }
        return builder.doubles(target, table.doubles(target)).build();
    }

    static <T> Factory<T> make(Function<Plugin, Iterable<? extends Factory<T>>> kind, String name) {
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            for (Factory<T> factory : kind.apply(plugin)) {
                if (factory.name().equals(name)) {
                    return factory;
                }
            }
        }
        throw new IllegalStateException("no plugin provides " + name);
    }
}
