package dev.quiver.spark.internal;

import dev.quiver.api.Location;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A configuration with no keys, so every option reads its default: how a task makes a component the driver
 * named, when the component's defaults are what the pipeline uses; or with a few string keys set (a sink's
 * {@code path}). Immutable.
 */
public final class DefaultsConfig implements Config {

    private final String path;
    private final Map<String, String> strings;

    public DefaultsConfig(String path) {
        this(path, Map.of());
    }

    /** @param strings string options by name (such as {@code path}); every other option reads its default */
    public DefaultsConfig(String path, Map<String, String> strings) {
        this.path = path;
        this.strings = Map.copyOf(strings);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Location location() {
        return Location.unknown(path);
    }

    @Override
    public Location location(String key) {
        return Location.unknown(path + "." + key);
    }

    @Override
    public boolean has(String key) {
        return strings.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return strings.keySet();
    }

    @Override
    @SuppressWarnings("unchecked") // only string options are ever set here
    public <T> T get(Option<T> option) {
        String value = strings.get(option.name());
        return value == null ? option.defaultValue() : (T) value;
    }

    @Override
    public Optional<Config> section(String key) {
        return Optional.empty();
    }

    @Override
    public List<Config> sections(String key) {
        return List.of();
    }

    /** Never called with no keys to complain about; a component that still does is a bug worth seeing. */
    @Override
    public void problem(String key, String message) {
        throw new IllegalStateException(location(key) + ": " + message);
    }
}
