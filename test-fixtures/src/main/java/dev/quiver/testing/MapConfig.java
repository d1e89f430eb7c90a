package dev.quiver.testing;

import dev.quiver.api.Location;
import dev.quiver.api.Problem;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.config.OptionValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Config} over a plain map, for unit tests of plugins: values are converted and checked by the same
 * {@link OptionValues} the runtime uses, and problems are collected (shared with nested sections) instead of
 * being located in a file.
 *
 * <pre>{@code
 * MapConfig config = MapConfig.of("lr", 0.1, "momentum", 0.9);
 * Optimizer sgd = factory.create(config, new TestContext());
 * config.assertNoProblems();
 * }</pre>
 */
public final class MapConfig implements Config {

    private final String path;
    private final Map<String, Object> values;
    private final List<Problem> problems;

    public MapConfig(String path, Map<String, Object> values) {
        this(path, values, new ArrayList<>());
    }

    private MapConfig(String path, Map<String, Object> values, List<Problem> problems) {
        this.path = path;
        this.values = new LinkedHashMap<>(values);
        this.problems = problems;
    }

    /** A config from alternating keys and values: {@code of("lr", 0.1, "betas", List.of(0.9, 0.999))}. */
    public static MapConfig of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapConfig("", map);
    }

    /** Every problem recorded so far, here and in nested sections. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** The problems' messages, for assertions like {@code assertThat(messages).anyMatch(m -> m.contains("lr"))}. */
    public List<String> messages() {
        return problems.stream()
                .map(p -> p.location().keyPath() + ": " + p.message())
                .toList();
    }

    public void assertNoProblems() {
        if (!problems.isEmpty()) {
            throw new AssertionError("unexpected config problems: " + messages());
        }
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
        return Location.unknown(path);
    }

    @Override
    public Location location(String key) {
        return Location.unknown(child(key));
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return new LinkedHashSet<>(values.keySet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        if (!values.containsKey(option.name()) || values.get(option.name()) == null) {
            if (option.isRequired()) {
                problem(option.name(), "missing required option '" + option.name() + "'");
                throw QuiverException.config(
                        location(option.name()), "missing required option '" + option.name() + "'");
            }
            return option.defaultValue();
        }
        Object raw = values.get(option.name());
        try {
            T value = OptionValues.convert(option, raw);
            if (option.kind() == Option.Kind.SECTION) {
                return (T) new MapConfig(child(option.name()), (Map<String, Object>) value, problems);
            }
            return value;
        } catch (IllegalArgumentException e) {
            problem(option.name(), e.getMessage());
            if (option.isRequired()) {
                throw QuiverException.config(location(option.name()), e.getMessage());
            }
            return option.defaultValue();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Config> section(String key) {
        Object raw = values.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Map)) {
            problem(key, "expected a mapping, got " + OptionValues.describe(raw));
            return Optional.empty();
        }
        return Optional.of(new MapConfig(child(key), (Map<String, Object>) raw, problems));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Config> sections(String key) {
        Object raw = values.get(key);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            problem(key, "expected a list, got " + OptionValues.describe(raw));
            return List.of();
        }
        List<Config> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof Map) {
                out.add(new MapConfig(child(key) + "[" + i + "]", (Map<String, Object>) item, problems));
            } else {
                problem(key, "item " + i + ": expected a mapping, got " + OptionValues.describe(item));
            }
        }
        return out;
    }

    @Override
    public void problem(String key, String message) {
        problems.add(new Problem(location(key), message));
    }
}
