package dev.quiver.runtime.config;

import dev.quiver.api.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code --set key.path=value} overrides to a pipeline document. The path is dotted keys with optional
 * list indices ({@code training.optimizer.lr}, {@code transforms[0].type}); missing mappings on the way are
 * created, an index may address an existing item or append one ({@code [size]}). The value is parsed as YAML
 * ({@link SafeYaml#parseValue}), so {@code --set seed=7} is a number and {@code --set evaluate=[mse,r2]} a list.
 *
 * <p>A component written by name alone ({@code optimizer: sgd}) stands for {@code {type: sgd}}: setting a key
 * inside it ({@code --set training.optimizer.lr=0.1}) expands it to that mapping first.
 *
 * <p>Overrides apply in order, later ones winning. Problems name the argument ({@code --set a.b=c}) as their
 * "file". Stateless and thread-safe.
 */
public final class Overrides {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]=]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    /** The largest list index a path may name; far past any list a pipeline file can hold (see SafeYaml). */
    private static final int MAX_INDEX = SafeYaml.MAX_NODES;

    private sealed interface Step {}

    private record Key(String name) implements Step {}

    private record Index(int index) implements Step {}

    private Overrides() {}

    /** The document with every override applied; problems are recorded and the faulty override skipped. */
    public static ConfigNode.Mapping apply(ConfigNode.Mapping root, List<String> sets, Problems problems) {
        ConfigNode.Mapping result = root;
        for (String set : sets) {
            String label = "--set " + set;
            int eq = set.indexOf('=');
            if (eq <= 0) {
                problems.add(new Location(label, 0, 0, ""), "expected --set key.path=value, e.g. --set seed=7");
                continue;
            }
            String path = set.substring(0, eq).trim();
            Optional<List<Step>> steps = parsePath(path, new Location(label, 0, 0, path), problems);
            if (steps.isEmpty()) {
                continue;
            }
            Optional<ConfigNode> value = SafeYaml.parseValue(set.substring(eq + 1), label, path, problems);
            if (value.isEmpty()) {
                continue;
            }
            try {
                result = (ConfigNode.Mapping)
                        put(result, steps.get(), 0, "", value.get(), new Location(label, 0, 0, ""));
            } catch (Skip skipped) {
                problems.add(skipped.where, skipped.getMessage()); // the other overrides still apply
            }
        }
        return result;
    }

    /**
     * The document with {@code value} set at {@code path} (as {@code --set path=...} would), for overrides that
     * come from the file itself (a tuning trial's parameters): mappings and lists created on the way are located
     * at {@code origin}, so problems with them point where the override was written. Empty, with the problem
     * recorded at {@code origin}, when the path is malformed or cannot be set.
     */
    public static Optional<ConfigNode.Mapping> set(
            ConfigNode.Mapping root, String path, ConfigNode value, Location origin, Problems problems) {
        Optional<List<Step>> steps = parsePath(path, origin, problems);
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((ConfigNode.Mapping) put(root, steps.get(), 0, "", value, origin));
        } catch (Skip skipped) {
            problems.add(origin, skipped.getMessage());
            return Optional.empty();
        }
    }

    /** The steps of {@code path}; empty, with the problem recorded at {@code where}, when it is malformed. */
    private static Optional<List<Step>> parsePath(String path, Location where, Problems problems) {
        List<Step> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                problems.add(
                        where,
                        "'" + path + "' is not a key path; write keys separated by dots, with list"
                                + " indices in brackets: training.optimizer.lr, transforms[0].type");
                return Optional.empty();
            }
            steps.add(new Key(m.group(1)));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                // digits that overflow an int are no list position either; no pipeline list comes near MAX_INDEX
                String digits = index.group(1).replaceFirst("^0+(?=\\d)", "");
                if (digits.length() > String.valueOf(MAX_INDEX).length() || Long.parseLong(digits) > MAX_INDEX) {
                    problems.add(
                            where,
                            "list index [" + index.group(1) + "] in '" + path + "' is too large;"
                                    + " an index counts items from 0 and is at most " + MAX_INDEX);
                    return Optional.empty();
                }
                steps.add(new Index(Integer.parseInt(digits)));
            }
        }
        return Optional.of(steps);
    }

    private static ConfigNode put(
            ConfigNode current, List<Step> steps, int i, String path, ConfigNode value, Location origin) {
        if (i == steps.size()) {
            return value;
        }
        Location here = new Location(origin.file(), origin.line(), origin.column(), path);
        boolean absent = current == null || current.isNull();
        Step step = steps.get(i);
        if (step instanceof Key key) {
            String childPath = path.isEmpty() ? key.name() : path + "." + key.name();
            if (current instanceof ConfigNode.Scalar s && s.value() instanceof String name) {
                // the shorthand `optimizer: sgd` stands for {type: sgd}; setting a key inside it expands it
                current = new ConfigNode.Mapping(
                        Map.of(
                                "type",
                                new ConfigNode.Entry(
                                        s.location(),
                                        new ConfigNode.Scalar(name, locatedAt(s.location(), path + ".type")))),
                        s.location());
            }
            if (!absent && !(current instanceof ConfigNode.Mapping)) {
                fail(
                        here,
                        "cannot set '" + key.name() + "' inside '" + path + "', which holds " + current.describe()
                                + ", not a mapping");
            }
            ConfigNode.Mapping mapping = absent ? new ConfigNode.Mapping(Map.of(), here) : (ConfigNode.Mapping) current;
            ConfigNode.Entry old = mapping.entries().get(key.name());
            ConfigNode child = put(old == null ? null : old.value(), steps, i + 1, childPath, value, origin);
            Map<String, ConfigNode.Entry> entries = new LinkedHashMap<>(mapping.entries());
            // a new key is located where the override was written, when that is a place in a file
            Location keyAt = old != null
                    ? old.keyLocation()
                    : origin.line() > 0 ? locatedAt(origin, childPath) : child.location();
            entries.put(key.name(), new ConfigNode.Entry(keyAt, child));
            return new ConfigNode.Mapping(entries, mapping.location());
        }
        int index = ((Index) step).index();
        String childPath = path + "[" + index + "]";
        if (!absent && !(current instanceof ConfigNode.Sequence)) {
            fail(here, "cannot index '" + path + "', which holds " + current.describe() + ", not a list");
        }
        List<ConfigNode> items = absent ? new ArrayList<>() : new ArrayList<>(((ConfigNode.Sequence) current).items());
        if (index > items.size()) {
            fail(
                    here,
                    "index " + index + " is past the end of '" + path + "', which has " + items.size() + " item"
                            + (items.size() == 1 ? "" : "s") + " (use [" + items.size() + "] to append)");
        }
        ConfigNode old = index < items.size() ? items.get(index) : null;
        ConfigNode child = put(old, steps, i + 1, childPath, value, origin);
        if (index < items.size()) {
            items.set(index, child);
        } else {
            items.add(child);
        }
        return new ConfigNode.Sequence(items, absent ? here : current.location());
    }

    private static Location locatedAt(Location where, String keyPath) {
        return new Location(where.file(), where.line(), where.column(), keyPath);
    }

    private static void fail(Location where, String message) {
        throw new Skip(where, message);
    }

    /** Abandons one override that cannot apply. */
    private static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Location where;

        Skip(Location where, String message) {
            super(message, null, false, false);
            this.where = where;
        }
    }
}
