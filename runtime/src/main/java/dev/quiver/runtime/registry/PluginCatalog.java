package dev.quiver.runtime.registry;

import dev.quiver.api.Factory;
import dev.quiver.api.config.Option;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.runtime.pipeline.PluginRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code quiver plugins [NAME]} shows: every factory by kind, with its options, as plain data for the CLI
 * to print (or write as JSON). Immutable and thread-safe; built once from a {@link PluginRegistry}.
 */
public final class PluginCatalog {

    /**
     * One option as a user reads it.
     *
     * @param name the key in the pipeline file
     * @param kind the YAML shape: {@code string}, {@code integer}, {@code real}, {@code "choice"}, {@code reals}...
     * @param defaultValue the default as text, or null when there is none
     * @param required whether the user must give it
     * @param range the allowed range in words ({@code > 0}, {@code in [0, 1)}), empty when unbounded
     * @param choices the allowed values of a choice, empty otherwise
     * @param description one sentence, possibly empty
     */
    public record OptionInfo(
            String name,
            String kind,
            String defaultValue,
            boolean required,
            String range,
            List<String> choices,
            String description) {

        public OptionInfo {
            choices = List.copyOf(choices);
        }

        static OptionInfo of(Option<?> option) {
            Object def = option.defaultValue();
            return new OptionInfo(
                    option.name(),
                    option.kind().name().toLowerCase(Locale.ROOT),
                    def == null ? null : def.toString(),
                    option.isRequired(),
                    option.rangeText(),
                    option.choices(),
                    option.description());
        }
    }

    /**
     * One factory.
     *
     * @param kind what it makes
     * @param name the {@code type:} name
     * @param description one sentence, possibly empty
     * @param origin the plugin that provides it (class and jar)
     * @param options its options
     * @param trainingOptions for models, the keys it accepts under {@code training:}; empty otherwise
     */
    public record PluginInfo(
            PluginKind kind,
            String name,
            String description,
            String origin,
            List<OptionInfo> options,
            List<OptionInfo> trainingOptions) {

        /** {@link #source()} of a plugin on the class path (bundled with Quiver or added by the host). */
        public static final String BUILT_IN = "built in";

        public PluginInfo {
            options = List.copyOf(options);
            trainingOptions = List.copyOf(trainingOptions);
        }

        /** Where the plugin came from: {@link #BUILT_IN}, or the plugin folder's subfolder or jar it was read from. */
        public String source() {
            for (String marker : List.of(" in plugin folder ", "(plugin jar ")) {
                int at = origin.indexOf(marker);
                if (at >= 0 && origin.endsWith(")")) {
                    return origin.substring(at + marker.length(), origin.length() - 1);
                }
            }
            return BUILT_IN;
        }
    }

    private final Map<PluginKind, List<PluginInfo>> byKind;
    private final PluginRegistry registry;

    public PluginCatalog(PluginRegistry registry) {
        this.registry = registry;
        Map<PluginKind, List<PluginInfo>> out = new LinkedHashMap<>();
        for (PluginKind kind : PluginKind.values()) {
            List<PluginInfo> infos = new ArrayList<>();
            for (Map.Entry<String, ? extends Factory<?>> e : kind.in(registry).entrySet()) {
                Factory<?> f = e.getValue();
                List<Option<?>> training = f instanceof ModelFactory m ? m.trainingOptions() : List.of();
                infos.add(new PluginInfo(
                        kind,
                        e.getKey(),
                        f.description(),
                        registry.origin(kind.label(), e.getKey())
                                .orElse(f.getClass().getName()),
                        f.options().stream().map(OptionInfo::of).toList(),
                        training.stream().map(OptionInfo::of).toList()));
            }
            out.put(kind, List.copyOf(infos));
        }
        this.byKind = java.util.Collections.unmodifiableMap(out);
    }

    /** Every kind (in {@link PluginKind} order) with its factories in name order; kinds without any are kept. */
    public Map<PluginKind, List<PluginInfo>> byKind() {
        return byKind;
    }

    /** Every factory, kind by kind. */
    public List<PluginInfo> all() {
        return byKind.values().stream().flatMap(Collection::stream).toList();
    }

    /** The factories named {@code name}, of any kind (a name such as {@code mse} can be a loss and a metric). */
    public List<PluginInfo> named(String name) {
        return all().stream().filter(p -> p.name().equals(name)).toList();
    }

    /**
     * What the factories named {@code name} document on {@code topic} ({@link Factory#help}), one page per
     * factory that has it; empty when none does.
     */
    public List<String> help(String name, String topic) {
        List<String> pages = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            Factory<?> factory = kind.in(registry).get(name);
            if (factory != null) {
                factory.help(topic).ifPresent(pages::add);
            }
        }
        return pages;
    }

    /** Every factory name, sorted, for a did-you-mean when {@link #named} finds nothing. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(all().stream().map(PluginInfo::name).toList()));
    }
}
