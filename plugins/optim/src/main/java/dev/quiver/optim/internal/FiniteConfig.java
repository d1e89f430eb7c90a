package dev.quiver.optim.internal;

import dev.quiver.api.Location;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Config} that also refuses infinite numbers. YAML reads {@code .inf} and overflowing literals such
 * as {@code 1e400} as infinity, which passes a range like {@code > 0}; every number in this plugin must be
 * finite, and the constructors check that by throwing, which would report a user's typo as a plugin bug. Here
 * it becomes a located problem like any other, and the option's default stands in. Used on the factory's
 * thread only, like the config it wraps.
 */
public final class FiniteConfig implements Config {

    private final Config config;

    private FiniteConfig(Config config) {
        this.config = config;
    }

    public static Config of(Config config) {
        return config instanceof FiniteConfig ? config : new FiniteConfig(config);
    }

    @Override
    public <T> T get(Option<T> option) {
        T value = config.get(option);
        boolean infinite = value instanceof Double d
                ? d.isInfinite()
                : value instanceof List<?> list && list.stream().anyMatch(v -> v instanceof Double d && d.isInfinite());
        if (infinite) {
            config.problem(option.name(), "expected a finite number, got " + value);
            return option.defaultValue();
        }
        return value;
    }

    @Override
    public String path() {
        return config.path();
    }

    @Override
    public Location location() {
        return config.location();
    }

    @Override
    public Location location(String key) {
        return config.location(key);
    }

    @Override
    public boolean has(String key) {
        return config.has(key);
    }

    @Override
    public Set<String> keys() {
        return config.keys();
    }

    @Override
    public Optional<Config> section(String key) {
        return config.section(key).map(FiniteConfig::of);
    }

    @Override
    public List<Config> sections(String key) {
        return config.sections(key).stream().map(FiniteConfig::of).toList();
    }

    @Override
    public void problem(String key, String message) {
        config.problem(key, message);
    }
}
