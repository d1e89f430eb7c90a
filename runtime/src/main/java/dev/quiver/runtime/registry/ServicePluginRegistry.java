package dev.quiver.runtime.registry;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Factory;
import dev.quiver.api.Plugin;
import dev.quiver.api.QuiverException;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.data.SinkFactory;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.optim.ScheduleFactory;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.registry.internal.ContextLoaderProxy;
import dev.quiver.runtime.registry.internal.PluginFolders;
import dev.quiver.runtime.registry.internal.SpiVersionCheck;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The {@link PluginRegistry} built from {@link Plugin}s found by {@link ServiceLoader}: every factory by kind
 * and name, and which plugin provided it.
 *
 * <p>Discovery fails, listing every mistake at once, when a plugin was built for an SPI version this runtime does
 * not accept ({@link SpiVersion#accepts}: same major, plugin minor not newer; the message names the plugin class,
 * its jar and both versions), when two factories of one kind share a name (naming both providers), when a plugin
 * provides nothing (a packaging mistake, almost always), or when a declared plugin cannot be instantiated. Each registration is logged at DEBUG level on {@code dev.quiver.runtime.registry}.
 * Immutable once built and thread-safe; maps iterate in name order.
 */
public final class ServicePluginRegistry implements PluginRegistry {

    private static final System.Logger LOG = System.getLogger("dev.quiver.runtime.registry");

    private final Map<PluginKind, Map<String, Factory<?>>> factories;
    private final Map<PluginKind, Map<String, String>> origins;
    private final List<PluginProblem> problems;

    private ServicePluginRegistry(
            Map<PluginKind, Map<String, Factory<?>>> factories,
            Map<PluginKind, Map<String, String>> origins,
            List<PluginProblem> problems) {
        this.factories = factories;
        this.origins = origins;
        this.problems = List.copyOf(problems);
    }

    /** A plugin found, with where it came from and, for a folder plugin, its loader (null when built in). */
    private record Found(Plugin plugin, String origin, ClassLoader loader) {}

    /** Discovers the plugins on the classpath of this class's loader (the flat, single-classpath layout). */
    public static ServicePluginRegistry discover() {
        return discover(ServicePluginRegistry.class.getClassLoader());
    }

    /**
     * Discovers the plugins visible to {@code loader}.
     *
     * @throws QuiverException ({@link ErrorCode#CONFIG}) listing duplicate names, empty plugins and plugins
     *     that cannot be loaded
     */
    public static ServicePluginRegistry discover(ClassLoader loader) {
        return load(loader, List.of()).orThrow();
    }

    /**
     * The plugins on the class path (built in) and those in {@code folders}: each folder holds one subfolder of
     * jars, or one self-contained jar, per plugin, and each such plugin loads in its own child-first class loader
     * that shares only the Quiver api and Arrow with the runtime (so a plugin may bundle its own Guava, Jackson or
     * Tribuo). Calls into a folder plugin run with its loader as the thread's context class loader. The entry point
     * for {@code Quiver.builder().pluginDirectories(...)}; the loaders stay open for the life of the process.
     *
     * @throws QuiverException ({@link ErrorCode#CONFIG}) listing every plugin problem, each naming its jar
     */
    public static ServicePluginRegistry withPluginDirectories(List<Path> folders) {
        return load(ServicePluginRegistry.class.getClassLoader(), folders).orThrow();
    }

    /**
     * As {@link #withPluginDirectories}, with {@code loader}'s plugins as the built-in ones, but a broken plugin
     * does not fail the load: it is left out and described in {@link #problems()} ({@code quiver plugins} lists
     * the plugins that loaded beside those that did not).
     *
     * @throws QuiverException ({@link ErrorCode#CONFIG}) only when a folder does not exist or cannot be read
     */
    public static ServicePluginRegistry load(ClassLoader loader, List<Path> folders) {
        List<Found> plugins = new ArrayList<>();
        List<PluginProblem> problems = new ArrayList<>();
        Iterator<Plugin> it = ServiceLoader.load(Plugin.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                Plugin plugin = it.next();
                plugins.add(new Found(plugin, origin(plugin), null));
            } catch (ServiceConfigurationError e) {
                problems.add(new PluginProblem("class path", "a plugin could not be loaded: " + e.getMessage()));
            }
        }
        for (PluginFolders.Bundle bundle : PluginFolders.scan(folders)) {
            FolderPlugins.load(bundle, ServicePluginRegistry.class.getClassLoader(), problems)
                    .forEach(p -> plugins.add(new Found(p.plugin(), p.origin(), p.loader())));
        }
        return build(plugins, problems);
    }

    /** A registry of exactly these plugins (tests, and hosts that construct plugins themselves). */
    public static ServicePluginRegistry of(List<? extends Plugin> plugins) {
        List<Found> found =
                plugins.stream().map(p -> new Found(p, origin(p), null)).toList();
        return build(found, new ArrayList<>()).orThrow();
    }

    /** The plugins that could not be registered (empty for a registry made by a method that throws on them). */
    public List<PluginProblem> problems() {
        return problems;
    }

    /**
     * This registry when every plugin loaded.
     *
     * @throws QuiverException ({@link ErrorCode#CONFIG}) listing every problem otherwise
     */
    public ServicePluginRegistry orThrow() {
        if (problems.isEmpty()) {
            return this;
        }
        List<String> lines = problems.stream().map(PluginProblem::toString).toList();
        throw new QuiverException(ErrorCode.CONFIG, "Plugin discovery failed:\n" + String.join("\n", lines));
    }

    private static ServicePluginRegistry build(List<Found> plugins, List<PluginProblem> problems) {
        Map<PluginKind, Map<String, Factory<?>>> factories = new EnumMap<>(PluginKind.class);
        Map<PluginKind, Map<String, String>> origins = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            factories.put(kind, new TreeMap<>());
            origins.put(kind, new TreeMap<>());
        }
        for (Found found : plugins) {
            String origin = found.origin();
            Plugin plugin = found.plugin();
            Map<PluginKind, Iterable<? extends Factory<?>>> provided;
            try {
                Optional<String> refused = SpiVersionCheck.problem(plugin, origin);
                if (refused.isPresent()) {
                    problems.add(new PluginProblem(origin, refused.get()));
                    continue; // its factories may not speak this SPI: asking for them could fail in any way
                }
                provided = provided(plugin);
            } catch (RuntimeException | LinkageError e) { // a class it needs is missing, or its getters fail
                problems.add(new PluginProblem(origin, "its factories could not be listed: " + e));
                continue;
            }
            int count = 0;
            for (Map.Entry<PluginKind, Iterable<? extends Factory<?>>> e : provided.entrySet()) {
                PluginKind kind = e.getKey();
                for (Factory<?> raw : e.getValue()) {
                    count++;
                    Factory<?> factory = found.loader() == null ? raw : ContextLoaderProxy.wrap(raw, found.loader());
                    String name = factory.name();
                    String first = origins.get(kind).get(name);
                    if (first != null) {
                        problems.add(new PluginProblem(
                                origin,
                                "two plugins provide a " + kind.label() + " named '" + name + "': " + first + " and "
                                        + origin + "; remove one of them"));
                        continue;
                    }
                    factories.get(kind).put(name, factory);
                    origins.get(kind).put(name, origin);
                    LOG.log(Level.DEBUG, () -> "registered " + kind.label() + " '" + name + "' from " + origin);
                }
            }
            if (count == 0) {
                problems.add(new PluginProblem(
                        origin,
                        "plugin " + origin + " provides nothing: it overrides none of Plugin's getters"
                                + " (or they return empty lists); this is usually a packaging mistake"));
            }
        }
        factories.replaceAll((k, m) -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        origins.replaceAll((k, m) -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        return new ServicePluginRegistry(factories, origins, problems);
    }

    private static Map<PluginKind, Iterable<? extends Factory<?>>> provided(Plugin plugin) {
        Map<PluginKind, Iterable<? extends Factory<?>>> out = new EnumMap<>(PluginKind.class);
        out.put(PluginKind.SOURCE, plugin.getSourceFactories());
        out.put(PluginKind.SINK, plugin.getSinkFactories());
        out.put(PluginKind.TRANSFORM, plugin.getTransformFactories());
        out.put(PluginKind.MODEL, plugin.getModelFactories());
        out.put(PluginKind.LOSS, plugin.getLossFactories());
        out.put(PluginKind.OPTIMIZER, plugin.getOptimizerFactories());
        out.put(PluginKind.SCHEDULE, plugin.getScheduleFactories());
        out.put(PluginKind.METRIC, plugin.getMetricFactories());
        return out;
    }

    /** The plugin class and, when it came from a jar or folder, that location's file name. */
    static String origin(Plugin plugin) {
        String name = plugin.getClass().getName();
        CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return name;
        }
        try {
            Path path = Path.of(location.toURI());
            return name + " (" + path.getFileName() + ")";
        } catch (Exception e) { // not a file URL: the class name alone still identifies the plugin
            return name;
        }
    }

    @SuppressWarnings("unchecked")
    private <F> Map<String, F> typed(PluginKind kind) {
        return (Map<String, F>) (Map<String, ?>) factories.get(kind);
    }

    @Override
    public Map<String, SourceFactory> sources() {
        return typed(PluginKind.SOURCE);
    }

    @Override
    public Map<String, SinkFactory> sinks() {
        return typed(PluginKind.SINK);
    }

    @Override
    public Map<String, TransformFactory> transforms() {
        return typed(PluginKind.TRANSFORM);
    }

    @Override
    public Map<String, ModelFactory> models() {
        return typed(PluginKind.MODEL);
    }

    @Override
    public Map<String, LossFactory> losses() {
        return typed(PluginKind.LOSS);
    }

    @Override
    public Map<String, OptimizerFactory> optimizers() {
        return typed(PluginKind.OPTIMIZER);
    }

    @Override
    public Map<String, ScheduleFactory> schedules() {
        return typed(PluginKind.SCHEDULE);
    }

    @Override
    public Map<String, MetricFactory> metrics() {
        return typed(PluginKind.METRIC);
    }

    @Override
    public Optional<String> origin(String kind, String name) {
        for (PluginKind k : PluginKind.values()) {
            if (k.label().equals(kind) || k.plural().equals(kind)) {
                return Optional.ofNullable(origins.get(k).get(name));
            }
        }
        return Optional.empty();
    }
}
