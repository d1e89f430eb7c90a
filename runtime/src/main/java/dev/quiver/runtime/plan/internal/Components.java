package dev.quiver.runtime.plan.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Factory;
import dev.quiver.api.Location;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Option;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Hints;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.registry.PluginKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes one component from its pipeline entry, written either as a name ({@code loss: mse}) or as a mapping
 * with a {@code type} ({@code optimizer: {type: sgd, lr: 0.1}}): finds the factory (did-you-mean among the
 * kind's names), calls {@link Factory#create} with a {@link YamlConfig}, merges what it throws with the recorded
 * problems, then reports keys the factory does not declare. Used by one load, on one thread.
 */
final class Components {

    private final PluginRegistry registry;
    private final Problems problems;

    Components(PluginRegistry registry, Problems problems) {
        this.registry = registry;
        this.problems = problems;
    }

    /** The factory name and the options of an entry, or empty (with a problem) when it names no type. */
    record Entry(String type, Location typeLocation, YamlConfig options) {}

    Optional<Entry> entry(PluginKind kind, ConfigNode node, String path) {
        if (node instanceof ConfigNode.Scalar scalar && scalar.value() instanceof String name) {
            Location at = node.location();
            return Optional.of(new Entry(name, at, YamlConfig.empty(at, path, problems)));
        }
        String example = kind.label() + ": {type: NAME, ...}";
        if (!(node instanceof ConfigNode.Mapping mapping)) {
            problems.add(
                    node.location(),
                    "expected a " + kind.label() + " name or a mapping like " + example + ", got " + node.describe()
                            + known(kind));
            return Optional.empty();
        }
        Optional<ConfigNode> type = mapping.get("type");
        if (type.isEmpty() || type.get().isNull()) {
            problems.add(mapping.location(), "missing 'type': which " + kind.label() + "?" + known(kind));
            return Optional.empty();
        }
        if (!(type.get() instanceof ConfigNode.Scalar scalar) || !(scalar.value() instanceof String name)) {
            problems.add(
                    type.get().location(),
                    "'type' must be a " + kind.label() + " name, got "
                            + type.get().describe() + known(kind));
            return Optional.empty();
        }
        return Optional.of(
                new Entry(name, type.get().location(), new YamlConfig(mapping.without("type"), path, problems)));
    }

    /** The factory an entry names, or empty after recording an unknown-name problem. */
    <F extends Factory<?>> Optional<F> factory(PluginKind kind, Entry entry) {
        @SuppressWarnings("unchecked")
        Map<String, F> factories = (Map<String, F>) kind.in(registry);
        F factory = factories.get(entry.type());
        if (factory == null) {
            problems.add(
                    entry.typeLocation(),
                    "unknown " + kind.label() + " '" + entry.type() + "'"
                            + Hints.unknown(entry.type(), factories.keySet(), kind.plural()));
            return Optional.empty();
        }
        return Optional.of(factory);
    }

    /** Creates the component, or empty when the entry or its options are invalid (problems recorded). */
    <T> Optional<Named<T>> create(PluginKind kind, Entry entry, Factory<T> factory, PluginContext context) {
        T component = null;
        int before = problems.size();
        try {
            component = factory.create(entry.options(), context);
        } catch (QuiverException e) {
            problems.add(e, entry.options().location());
        } catch (RuntimeException e) {
            throw new QuiverException(
                    ErrorCode.INTERNAL,
                    "the " + kind.label() + " '" + entry.type()
                            + "' failed while reading its options; this is a bug in "
                            + registry.origin(kind.label(), entry.type()).orElse("its plugin") + ": " + e,
                    e);
        }
        if (component == null && problems.size() == before) {
            throw new QuiverException(
                    ErrorCode.INTERNAL,
                    "the " + kind.label() + " '" + entry.type() + "' made"
                            + " nothing and reported no problem; this is a bug in "
                            + registry.origin(kind.label(), entry.type()).orElse("its plugin"));
        }
        entry.options().checkUnknownKeys(names(factory.options()), kind.label() + " '" + entry.type() + "'");
        return component == null
                ? Optional.empty()
                : Optional.of(
                        new Named<>(entry.type(), component, entry.options().plain()));
    }

    /** Entry, factory and creation in one, for components that need nothing between them. */
    <T> Optional<Named<T>> make(PluginKind kind, ConfigNode node, String path, PluginContext context) {
        Optional<Entry> entry = entry(kind, node, path);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Optional<Factory<T>> factory = factory(kind, entry.get());
        return factory.flatMap(f -> create(kind, entry.get(), f, context));
    }

    static List<String> names(List<Option<?>> options) {
        return options.stream().map(Option::name).toList();
    }

    private String known(PluginKind kind) {
        var names = kind.in(registry).keySet();
        return names.isEmpty()
                ? "; no " + kind.label() + " plugins are installed"
                : "; known " + kind.plural() + ": " + String.join(", ", names);
    }
}
