package dev.quiver.spark;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Factory;
import dev.quiver.api.Plugin;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.SinkFactory;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import dev.quiver.spark.internal.DefaultsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Quiver plugins as a Spark task sees them: found by name with {@link ServiceLoader} on the executor's own class
 * path (components are not serializable; their names are), made once per executor JVM with their defaults and
 * kept, since losses and factories are immutable and thread-safe. Any task thread may call it.
 */
public final class TaskPlugins {

    private static final Map<String, Loss> LOSSES = new ConcurrentHashMap<>();
    private static final Map<String, TransformFactory> TRANSFORMS = new ConcurrentHashMap<>();
    private static final Map<String, ModelFactory> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, SourceFactory> SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, SinkFactory> SINKS = new ConcurrentHashMap<>();

    private TaskPlugins() {}

    /** The loss named {@code name}, with its default options (mean reduction for every built-in loss). */
    public static Loss loss(String name) {
        return LOSSES.computeIfAbsent(name, n -> make(n, "loss", Plugin::getLossFactories));
    }

    /** The transform plugin named {@code name}, whose {@code load} rebuilds a fitted transform from its state. */
    public static TransformFactory transform(String name) {
        return TRANSFORMS.computeIfAbsent(
                name, n -> (TransformFactory) factory(n, "transform", Plugin::getTransformFactories));
    }

    /** The model plugin named {@code name}, whose {@code load} rebuilds a fitted model from its state. */
    public static ModelFactory model(String name) {
        return MODELS.computeIfAbsent(name, n -> (ModelFactory) factory(n, "model", Plugin::getModelFactories));
    }

    /** The source plugin named {@code name}, e.g. {@code arrow} to read a whole file in a task. */
    public static SourceFactory source(String name) {
        return SOURCES.computeIfAbsent(name, n -> (SourceFactory) factory(n, "source", Plugin::getSourceFactories));
    }

    /** The sink plugin named {@code name}, e.g. {@code arrow} or {@code csv} for a partition's predictions. */
    public static SinkFactory sink(String name) {
        return SINKS.computeIfAbsent(name, n -> (SinkFactory) factory(n, "sink", Plugin::getSinkFactories));
    }

    /**
     * Every plugin on this executor's class path as a registry, made once per JVM: what rebuilds a saved run's
     * fitted pipeline in a task ({@code RunBundle.load}).
     */
    public static PluginRegistry registry() {
        return Registry.INSTANCE;
    }

    /** Made on first use, so executors that never load a run never scan for plugins. */
    private static final class Registry {
        static final PluginRegistry INSTANCE = ServicePluginRegistry.discover(TaskPlugins.class.getClassLoader());
    }

    private static <T> T make(String name, String kind, Function<Plugin, Iterable<? extends Factory<T>>> factories) {
        return factory(name, kind, factories).create(new DefaultsConfig(kind), new PluginContext() {});
    }

    private static <T> Factory<T> factory(
            String name, String kind, Function<Plugin, Iterable<? extends Factory<T>>> factories) {
        Map<String, Factory<T>> byName = new TreeMap<>();
        for (Plugin plugin : ServiceLoader.load(Plugin.class, TaskPlugins.class.getClassLoader())) {
            factories.apply(plugin).forEach(f -> byName.put(f.name(), f));
        }
        Factory<T> factory = byName.get(name);
        if (factory == null) {
            List<String> known = new ArrayList<>(byName.keySet());
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "no " + kind + " named '" + name + "' on this Spark executor's class path (it has " + known
                            + "); ship the plugin's jar with the application (spark-submit --jars).");
        }
        return factory;
    }
}
