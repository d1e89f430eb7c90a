package dev.quiver.runtime.config;

import dev.quiver.api.Location;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.config.OptionValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime's {@link Config}: a view over one located mapping of a pipeline file. Values are converted by
 * {@link OptionValues} (the same rules as the test fixtures' {@code MapConfig}); every problem is recorded in
 * the shared {@link Problems} with the value's {@code file:line:column} and key path. It also remembers which
 * keys were read, so that {@link #checkUnknownKeys} can report the rest.
 *
 * <p>Created by the loader for one component and read by that component's factory, on one thread.
 */
public final class YamlConfig implements Config {

    private final ConfigNode.Mapping node;
    private final String path;
    private final Problems problems;
    private final Set<String> read = new HashSet<>();

    public YamlConfig(ConfigNode.Mapping node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** A config for a section the user did not write: every option takes its default. */
    public static YamlConfig empty(Location where, String path, Problems problems) {
        Location at = new Location(where.file(), where.line(), where.column(), path);
        return new YamlConfig(new ConfigNode.Mapping(Map.of(), at), path, problems);
    }

    /** The mapping this view reads. */
    public ConfigNode.Mapping node() {
        return node;
    }

    /** The mapping as plain Java maps, lists and scalars, in file order. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> plain() {
        return (Map<String, Object>) node.plain();
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Location location() {
        Location at = node.location();
        return new Location(at.file(), at.line(), at.column(), path);
    }

    @Override
    public Location location(String key) {
        return node.get(key).map(ConfigNode::location).orElseGet(() -> {
            Location at = node.location();
            return new Location(at.file(), at.line(), at.column(), child(key));
        });
    }

    /** Where {@code key} itself (not its value) was written; this mapping's location when absent. */
    public Location keyLocation(String key) {
        ConfigNode.Entry e = node.entries().get(key);
        return e == null ? location(key) : e.keyLocation();
    }

    @Override
    public boolean has(String key) {
        return node.entries().containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return new LinkedHashSet<>(node.entries().keySet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        String key = option.name();
        read.add(key);
        Optional<ConfigNode> value = node.get(key);
        if (value.isEmpty() || value.get().isNull()) {
            if (option.isRequired()) {
                String message = "missing required option '" + key + "'"
                        + (option.description().isEmpty() ? "" : " (" + option.description() + ")");
                problem(key, message);
                throw QuiverException.config(location(key), message);
            }
            return option.defaultValue();
        }
        if (option.kind() == Option.Kind.SECTION) {
            if (value.get() instanceof ConfigNode.Mapping mapping) {
                return (T) new YamlConfig(mapping, child(key), problems);
            }
            return invalid(
                    option,
                    "expected a mapping (key: value pairs), got " + value.get().describe());
        }
        try {
            return OptionValues.convert(option, value.get().plain());
        } catch (IllegalArgumentException e) {
            return invalid(option, e.getMessage());
        }
    }

    private <T> T invalid(Option<T> option, String message) {
        problem(option.name(), message);
        if (option.isRequired()) {
            throw QuiverException.config(location(option.name()), message);
        }
        return option.defaultValue();
    }

    @Override
    public Optional<Config> section(String key) {
        return mapping(key).map(m -> new YamlConfig(m, child(key), problems));
    }

    /** As {@link #section}, typed, for the loader's own sections. */
    public Optional<YamlConfig> yamlSection(String key) {
        return mapping(key).map(m -> new YamlConfig(m, child(key), problems));
    }

    private Optional<ConfigNode.Mapping> mapping(String key) {
        read.add(key);
        Optional<ConfigNode> value = node.get(key);
        if (value.isEmpty() || value.get().isNull()) {
            return Optional.empty();
        }
        if (value.get() instanceof ConfigNode.Mapping m) {
            return Optional.of(m);
        }
        problem(key, "expected a mapping (key: value pairs), got " + value.get().describe());
        return Optional.empty();
    }

    @Override
    public List<Config> sections(String key) {
        return List.copyOf(yamlSections(key));
    }

    /** As {@link #sections}, typed, for the loader's own lists of components. */
    public List<YamlConfig> yamlSections(String key) {
        read.add(key);
        Optional<ConfigNode> value = node.get(key);
        if (value.isEmpty() || value.get().isNull()) {
            return List.of();
        }
        if (!(value.get() instanceof ConfigNode.Sequence sequence)) {
            problem(key, "expected a list, got " + value.get().describe());
            return List.of();
        }
        List<YamlConfig> out = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            ConfigNode item = sequence.items().get(i);
            if (item instanceof ConfigNode.Mapping m) {
                out.add(new YamlConfig(m, child(key) + "[" + i + "]", problems));
            } else {
                problems.add(item.location(), "expected a mapping (key: value pairs), got " + item.describe());
            }
        }
        return out;
    }

    @Override
    public void problem(String key, String message) {
        problems.add(location(key), message);
    }

    /**
     * Records a problem for each key that is neither among {@code declared} nor was read, with a did-you-mean
     * among the declared names and the list of them.
     *
     * @param owner how messages name what the keys belong to, e.g. {@code optimizer 'sgd'} or {@code columns}
     */
    public void checkUnknownKeys(Collection<String> declared, String owner) {
        for (String key : node.entries().keySet()) {
            if (declared.contains(key) || read.contains(key)) {
                continue;
            }
            String tail =
                    declared.isEmpty() ? "; " + owner + " takes no options" : Hints.unknown(key, declared, "keys");
            problems.add(keyLocation(key), "unknown key '" + key + "' for " + owner + tail);
        }
    }
}
