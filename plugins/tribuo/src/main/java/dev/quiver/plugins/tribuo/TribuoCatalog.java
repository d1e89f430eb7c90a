package dev.quiver.plugins.tribuo;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.DescribeConfigurable;
import dev.quiver.plugins.tribuo.internal.CoreTrainers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;

/**
 * What the {@code tribuo} model offers, for {@code quiver plugins tribuo} and for messages: the short trainer
 * names (this module's and every {@link TribuoExtension}'s on the classpath) and, for any trainer, the options
 * it takes with their types, defaults and descriptions, read from OLCUT's {@code @Config} annotations.
 *
 * <p>All methods are static and thread-safe; extensions are discovered once, on first use.
 */
public final class TribuoCatalog {

    private static volatile Registry registry;

    private TribuoCatalog() {}

    /** Every short name, ordered by kind of output, then name. */
    public static List<ShortName> shortNames() {
        return registry().shortNames;
    }

    /** The distinct short names, sorted. */
    public static Set<String> names() {
        Set<String> names = new java.util.TreeSet<>();
        shortNames().forEach(s -> names.add(s.name()));
        return names;
    }

    /** The entries of one short name, one per kind of output it trains (empty when unknown). */
    public static List<ShortName> shortNames(String name) {
        return shortNames().stream().filter(s -> s.name().equals(name)).toList();
    }

    public static Optional<ShortName> shortName(String name, OutputKind kind) {
        return shortNames(name).stream().filter(s -> s.kind() == kind).findFirst();
    }

    /** Options every use of {@code trainerClass} starts from, before a short name's and the user's. */
    public static Map<String, Object> classDefaults(String trainerClass) {
        return registry().classDefaults.getOrDefault(trainerClass, Map.of());
    }

    /**
     * The options of a trainer given as a short name (its first entry when it has several; see
     * {@link #options(String, OutputKind)}) or a fully qualified class name.
     *
     * @throws IllegalArgumentException when it is neither, with a did-you-mean among the short names
     */
    public static List<TrainerOption> options(String trainer) {
        return options(trainer, null);
    }

    /** As {@link #options(String)}, for the entry of a short name that trains {@code kind} (null: the first). */
    public static List<TrainerOption> options(String trainer, OutputKind kind) {
        List<ShortName> entries = shortNames(trainer);
        ShortName entry = entries.stream()
                .filter(s -> kind == null || s.kind() == kind)
                .findFirst()
                .orElse(null);
        String className = entry != null ? entry.trainerClass() : trainer;
        Map<String, Object> preset = new LinkedHashMap<>(classDefaults(className));
        if (entry != null) {
            preset.putAll(entry.defaults());
        }
        Class<? extends Configurable> type = configurable(className);
        SortedMap<String, DescribeConfigurable.FieldInfo> info = DescribeConfigurable.generateFieldInfo(type);
        List<TrainerOption> options = new ArrayList<>();
        for (DescribeConfigurable.FieldInfo f : info.values()) {
            String supplied = "";
            if (preset.containsKey(f.name)) {
                supplied = "Quiver's default: " + render(preset.get(f.name));
            } else if (f.name.equals("seed")) {
                supplied = "the pipeline seed";
            }
            options.add(new TrainerOption(
                    f.name,
                    simple(f.className),
                    f.defaultVal == null ? "" : f.defaultVal,
                    f.mandatory,
                    f.description,
                    f.enumConstants == null ? List.of() : f.enumConstants,
                    supplied));
        }
        return options;
    }

    /**
     * A plain-text page for {@code quiver plugins tribuo [TRAINER]}: the short-name table when {@code trainer} is
     * null or empty, otherwise that trainer's options.
     */
    public static String describe(String trainer) {
        StringBuilder s = new StringBuilder();
        if (trainer == null || trainer.isEmpty()) {
            s.append("Tribuo trainers by short name (model: {type: tribuo, trainer: NAME}); any Trainer class name "
                    + "works too.\n");
            for (ShortName n : shortNames()) {
                s.append(String.format("  %-14s %-20s %s%n", n.kind().label(), n.name(), n.description()));
                s.append(String.format("  %-14s %-20s   = %s%n", "", "", n.trainerClass()));
            }
            return s.toString();
        }
        List<ShortName> entries = shortNames(trainer);
        for (ShortName n : entries) {
            s.append(n.name())
                    .append(" (")
                    .append(n.kind().label())
                    .append("): ")
                    .append(n.trainerClass())
                    .append(n.defaults().isEmpty() ? "" : " with " + render(n.defaults()))
                    .append('\n');
        }
        if (entries.isEmpty()) {
            s.append(trainer).append('\n');
        }
        s.append("options:\n");
        for (TrainerOption o : options(trainer)) {
            s.append(String.format(
                    "  %-24s %-28s %s%s%n",
                    o.name(),
                    o.type() + (o.required() ? " (required)" : ""),
                    o.description(),
                    o.choices().isEmpty() ? "" : " One of " + o.choices() + "."));
            String dflt = o.suppliedBy().isEmpty()
                    ? o.defaultValue()
                    : o.suppliedBy().replaceFirst("^Quiver's default: ", "") + " (set by Quiver"
                            + (o.defaultValue().isEmpty() ? ")" : "; Tribuo's: " + o.defaultValue() + ")");
            if (!dflt.isEmpty()) {
                s.append(String.format("  %-24s %-28s default: %s%n", "", "", dflt));
            }
        }
        return s.toString();
    }

    /** The configurable class of a trainer or component name, or an exception naming the short names. */
    static Class<? extends Configurable> configurable(String className) {
        try {
            Class<?> type = Class.forName(className, false, TribuoCatalog.class.getClassLoader());
            if (!Configurable.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " is not a Tribuo component");
            }
            return type.asSubclass(Configurable.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(
                    "unknown trainer '" + className + "'"
                            + dev.quiver.api.config.DidYouMean.hint(className, names()) + "; short names are " + names()
                            + ", or write a Trainer's fully qualified class name",
                    e);
        }
    }

    private static String simple(String className) {
        return className == null
                ? ""
                : className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** A value as a user writes it in YAML flow style: {@code {class: X, maxDepth: 6}}, class first. */
    @SuppressWarnings("unchecked")
    private static String render(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            Map<String, Object> m = (Map<String, Object>) map;
            if (m.containsKey("class")) {
                s.append("class: ").append(m.get("class"));
            }
            m.forEach((k, v) -> {
                if (!k.equals("class")) {
                    s.append(s.length() > 1 ? ", " : "").append(k).append(": ").append(render(v));
                }
            });
            return s.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(TribuoCatalog::render)
                    .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    private static Registry registry() {
        Registry r = registry;
        if (r == null) {
            synchronized (TribuoCatalog.class) {
                r = registry;
                if (r == null) {
                    r = new Registry();
                    registry = r;
                }
            }
        }
        return r;
    }

    /** The merged contributions of this module and the extensions on the classpath. */
    private static final class Registry {
        final List<ShortName> shortNames;
        final Map<String, Map<String, Object>> classDefaults;

        Registry() {
            List<TribuoExtension> extensions = new ArrayList<>();
            extensions.add(new CoreTrainers());
            ServiceLoader.load(TribuoExtension.class, TribuoCatalog.class.getClassLoader())
                    .forEach(extensions::add);
            Map<String, ShortName> byKey = new LinkedHashMap<>();
            Map<String, Map<String, Object>> defaults = new HashMap<>();
            for (TribuoExtension extension : extensions) {
                for (ShortName n : extension.shortNames()) {
                    ShortName previous = byKey.putIfAbsent(n.name() + "/" + n.kind(), n);
                    if (previous != null) {
                        throw new IllegalStateException("Tribuo short name '" + n.name() + "' for "
                                + n.kind().label() + " is declared twice: by "
                                + extension.getClass().getName() + " and before it");
                    }
                }
                extension
                        .classDefaults()
                        .forEach((k, v) -> defaults.merge(k, Map.copyOf(v), (a, b) -> {
                            Map<String, Object> m = new LinkedHashMap<>(a);
                            m.putAll(b);
                            return Map.copyOf(m);
                        }));
            }
            List<ShortName> sorted = new ArrayList<>(byKey.values());
            sorted.sort(Comparator.comparing(ShortName::kind).thenComparing(ShortName::name));
            this.shortNames = List.copyOf(sorted);
            this.classDefaults = Map.copyOf(defaults);
        }
    }
}
