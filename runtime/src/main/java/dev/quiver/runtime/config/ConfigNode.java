package dev.quiver.runtime.config;

import dev.quiver.api.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value of a pipeline document that remembers where it was written: a tree of scalars, sequences and
 * mappings, each with its {@link Location} (file, 1-based line and column, dotted key path). Values from
 * {@code --set} carry the command-line argument as their "file" and line 0.
 *
 * <p>Immutable, so thread-safe; made by {@link SafeYaml} and rewritten (copy on write) by {@link Overrides}.
 */
public sealed interface ConfigNode {

    Location location();

    /** The value as plain Java: {@code LinkedHashMap}, {@code ArrayList}, and scalars (nulls kept). */
    Object plain();

    /** A scalar: String, Integer, Long, BigInteger, Double, Boolean, or null for YAML null. */
    record Scalar(Object value, Location location) implements ConfigNode {
        @Override
        public Object plain() {
            return value;
        }
    }

    record Sequence(List<ConfigNode> items, Location location) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public Object plain() {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(i.plain()));
            return out;
        }
    }

    /** One key of a mapping: where the key itself was written, and its value. */
    record Entry(Location keyLocation, ConfigNode value) {}

    /** A mapping with string keys, in file order. */
    record Mapping(Map<String, Entry> entries, Location location) implements ConfigNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Optional<ConfigNode> get(String key) {
            Entry e = entries.get(key);
            return e == null ? Optional.empty() : Optional.of(e.value());
        }

        /** This mapping without {@code keys} (e.g. a component's {@code type}, which the loader consumes). */
        public Mapping without(String... keys) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            for (String k : keys) {
                copy.remove(k);
            }
            return new Mapping(copy, location);
        }

        @Override
        public Object plain() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().plain()));
            return out;
        }
    }

    /** Whether this is a scalar null (written as {@code ~}, {@code null} or nothing). */
    default boolean isNull() {
        return this instanceof Scalar s && s.value() == null;
    }

    /** How a node is named in messages: {@code a list}, {@code a mapping}, or the quoted value. */
    default String describe() {
        if (this instanceof Sequence) {
            return "a list";
        }
        if (this instanceof Mapping) {
            return "a mapping";
        }
        Object v = ((Scalar) this).value();
        return v == null ? "nothing (null)" : v instanceof String s ? "'" + s + "'" : v.toString();
    }
}
